app.get('/login', (req, res) => {
  res.redirect(req.query.next); // ruleid
});
