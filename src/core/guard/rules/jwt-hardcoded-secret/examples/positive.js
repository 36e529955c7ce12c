const token = jwt.sign({ sub: user.id }, 'my-super-secret'); // ruleid
