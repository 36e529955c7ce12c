app.use(session({ secret, cookie: { httpOnly: false } })); // ruleid
