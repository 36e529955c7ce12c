URL = "mysql://db/app?useSSL=true"
