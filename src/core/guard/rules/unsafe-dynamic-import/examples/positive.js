app.get('/plugin', (req, res) => {
  const plugin = require('./plugins/' + req.query.name); // ruleid
  res.json(plugin.run());
});
