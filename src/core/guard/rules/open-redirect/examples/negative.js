app.get('/login', (req, res) => {
  res.redirect('/home');
});
app.get('/back', (req, res) => {
  const next = req.query.next;
  if (!next.startsWith('/') || next.startsWith('//')) return res.redirect('/');
  res.redirect(next);
});
