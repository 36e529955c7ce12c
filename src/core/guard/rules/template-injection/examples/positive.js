app.get('/hello', (req, res) => {
  res.send(ejs.render('<h1>Hello ' + req.query.name + '</h1>')); // ruleid
});
