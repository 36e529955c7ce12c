app.get('/load', (req, res) => {
  res.json(JSON.parse(req.cookies.state));
});
