const fs = require('fs');
const path = require('path');
app.get('/file', (req, res) => {
  const p = path.join(__dirname, 'files', req.query.name);
  res.send(fs.readFileSync(p)); // ruleid
  res.sendFile(path.resolve('uploads/' + req.params.file)); // ruleid
});
const extra = require('fs-extra');
import { readFile as slurp } from 'fs-extra';
app.get('/extra', async (req, res) => {
  res.send(await extra.readFile(req.query.name)); // ruleid
  res.send(await slurp(req.query.name)); // ruleid
});
app.get('/prefix', (req, res) => {
  const p = path.resolve(ROOT, req.query.name);
  if (!p.startsWith(ROOT)) return res.status(403).end();
  res.send(fs.readFileSync(p)); // ruleid
});
router.get('/named', function (r, s) {
  s.send(fs.readFileSync(path.join(ROOT, r.params.name))); // ruleid
});
