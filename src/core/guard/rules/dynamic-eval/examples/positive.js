app.get('/calc', (req, res) => {
  res.send(String(eval(req.query.expr))); // ruleid
  const body = req.body.code;
  const fn = new Function('a', body); // ruleid
  setTimeout('run(' + req.query.n + ')', 10); // ruleid
});
