const server = https.createServer({ minVersion: 'TLSv1.2', key, cert });
