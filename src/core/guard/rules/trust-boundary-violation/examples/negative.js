app.post('/prefs', (req, res) => {
  req.session.visited = true;
  req.session.count = parseInt(req.body.count, 10);
  const theme = ALLOWED.has(req.body.theme) ? req.body.theme : 'light';
  req.session.theme = theme;
  res.send('ok');
});
