const ALLOWED_HOSTS = ['api.example.com'];
app.get('/proxy', async (req, res) => {
  const u = new URL(req.query.url);
  if (!ALLOWED_HOSTS.includes(u.hostname)) return res.status(400).end();
  const r = await fetch(u);
  res.send(await r.text());
});
app.get('/status', async (req, res) => res.send(await (await fetch('https://api.example.com/status')).text()));
