const server = https.createServer({ secureProtocol: 'TLSv1_method', key, cert }); // ruleid
