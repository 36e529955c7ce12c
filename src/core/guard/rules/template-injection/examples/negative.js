app.get('/hello', (req, res) => {
  res.send(ejs.render('<h1>Hello <%= name %></h1>', { name: req.query.name }));
});
