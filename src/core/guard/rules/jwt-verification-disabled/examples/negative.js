const claims = jwt.verify(token, key, { algorithms: ['HS256'] });
