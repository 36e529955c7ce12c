const salt = crypto.randomBytes(16).toString('hex');
