app.get('/lang', (req, res) => {
  res.setHeader('Content-Language', req.query.lang); // ruleid
  res.end();
});
