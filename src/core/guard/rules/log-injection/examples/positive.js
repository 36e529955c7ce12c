app.post('/login', (req, res) => {
  logger.info('login by ' + req.body.username); // ruleid
  const who = req.query.user;
  console.log(`lookup ${who}`); // ruleid
});
