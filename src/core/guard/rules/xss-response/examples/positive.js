app.get('/hello', (req, res) => {
  res.send('<h1>Hello ' + req.query.name + '</h1>'); // ruleid
});
app.get('/status', function (request, response) {
  response.status(200).send(`<p>${request.query.q}</p>`); // ruleid
});
app.get('/typed', (req, res) => {
  res.type('html').end(req.body.html); // ruleid
});
// The response parameter under another name.
router.post('/renamed', async (rq, rs) => {
  rs.write('<p>' + rq.body.text + '</p>'); // ruleid
  rs.end();
});
app.get('/html-header', (req, res) => {
  res.set('Content-Type', 'text/html');
  res.send(req.query.q); // ruleid
});
// Koa and Hono.
router.get('/koa', async (ctx) => {
  ctx.body = '<p>' + ctx.query.q + '</p>'; // ruleid
});
app.get('/hono', (c) => c.html('<p>' + c.req.query('q') + '</p>')); // ruleid
