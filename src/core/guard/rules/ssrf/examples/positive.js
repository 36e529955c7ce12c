app.get('/proxy', async (req, res) => {
  const r = await fetch(req.query.url); // ruleid
  const target = 'http://' + req.query.host + '/status';
  const s = await axios.get(target); // ruleid
  res.send(await r.text() + s.data);
});
