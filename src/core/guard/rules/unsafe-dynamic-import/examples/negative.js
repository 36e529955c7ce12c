const plugins = { a: require('./plugins/a'), b: require('./plugins/b') };
app.get('/plugin', (req, res) => {
  res.json(plugins[req.query.name === 'a' ? 'a' : 'b'].run());
});
