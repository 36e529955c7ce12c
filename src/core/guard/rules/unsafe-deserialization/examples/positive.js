const serialize = require('node-serialize');
app.get('/load', (req, res) => {
  res.json(serialize.unserialize(req.cookies.state)); // ruleid
});
