const agent = new https.Agent({ rejectUnauthorized: true, ca: fs.readFileSync('ca.pem') });
request({ url, strictSSL: true });
