app.post('/login', (req, res) => {
  logger.info('login by ' + req.body.username.replace(/[\r\n]/g, '_'));
  logger.info('server started on port ' + port);
});
