const escapeHtml = require('escape-html');
app.get('/hello', (req, res) => {
  res.send('<h1>Hello ' + escapeHtml(req.query.name) + '</h1>');
  res.json({ name: req.query.name });
});
app.get('/plain', (req, res) => {
  res.type('text/plain');
  res.send(req.query.q);
});
app.get('/plain-head', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(req.query.q);
});
app.get('/object', (req, res) => {
  res.status(200).send({ q: req.query.q });
});
app.get('/rendered', (req, res) => {
  res.render('page', { q: req.query.q });
});
app.get('/constant', (req, res) => {
  res.send('<h1>Hello</h1>');
});
// What a query returned for the input is not the input reflected.
app.get('/rows', async (req, res) => {
  const result = await pool.query('SELECT name FROM t WHERE id = $1', [req.query.id]);
  res.send(result.rows[0].name);
});
router.get('/koa', async (ctx) => {
  const request = new sql.Request();
  const result = await request.query('SELECT 1');
  ctx.body = result.recordset;
});
