const { execFile } = require('child_process');
app.post('/ping', (req, res) => {
  execFile('ping', ['-c', '1', req.body.host], (e, out) => res.send(out));
  exec('git status');
  const re = /a(b)/;
  re.exec(req.body.text);
});
