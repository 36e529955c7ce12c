app.post('/login', async (req, res) => {
  const user = await User.findOne({ name: String(req.body.name) });
  const found = users.find((u) => u.name === req.body.name);
  res.json(user || found);
});
