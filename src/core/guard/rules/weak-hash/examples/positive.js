const hash = crypto.createHash('md5').update(password).digest('hex'); // ruleid
