const agent = new https.Agent({ rejectUnauthorized: true, ca: fs.readFileSync('ca.pem') });
request({ url, strictSSL: true });
tls.connect(443, host, { checkServerIdentity: (name, cert) => tls.checkServerIdentity(name, cert) });
