const uri = 'mongodb://db/app?tls=true&tlsAllowInvalidCertificates=true'; // ruleid
