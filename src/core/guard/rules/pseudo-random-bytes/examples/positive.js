const salt = crypto.pseudoRandomBytes(16).toString('hex'); // ruleid
