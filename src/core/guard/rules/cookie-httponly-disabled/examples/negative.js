app.use(session({ secret, cookie: { httpOnly: true, secure: true } }));
