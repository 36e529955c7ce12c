app.get('/calc', (req, res) => {
  const two = eval('1 + 1');
  const data = JSON.parse(req.body.json);
  setTimeout(() => res.send(data), 10);
});
