const fs = require('fs');
const path = require('path');
app.get('/file', (req, res) => {
  const p = path.join(__dirname, 'files', req.query.name);
  res.send(fs.readFileSync(p)); // ruleid
  res.sendFile(path.resolve('uploads/' + req.params.file)); // ruleid
});
