const uri = 'mongodb://db/app?tls=true';
