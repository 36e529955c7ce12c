app.post('/prefs', (req, res) => {
  req.session.theme = req.body.theme; // ruleid
  const next = req.query.next;
  req.session['next'] = next; // ruleid
  res.send('ok');
});
