process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
process.env.NODE_EXTRA_CA_CERTS = '/etc/ssl/private-ca.pem';
