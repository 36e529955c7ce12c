const claims = jwt.verify(token, key, { algorithms: ['none'] }); // ruleid
