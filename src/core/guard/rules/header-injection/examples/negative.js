app.get('/lang', (req, res) => {
  res.setHeader('Content-Language', encodeURIComponent(req.query.lang));
  res.setHeader('Cache-Control', 'no-store');
  res.end();
});
