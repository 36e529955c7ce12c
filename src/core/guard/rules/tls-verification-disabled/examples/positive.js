const agent = new https.Agent({ rejectUnauthorized: false }); // ruleid
request({ url, strictSSL: false }); // ruleid
tls.connect(443, host, {
  checkServerIdentity: () => undefined, // ruleid
});
mongoose.connect(uri, { tls: true, tlsAllowInvalidCertificates: true }); // ruleid
