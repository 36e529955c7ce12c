URL = "mysql://db/app?useSSL=true&verifyServerCertificate=false"  # ruleid
