const fs = require('fs');
const path = require('path');
app.get('/file', (req, res) => {
  res.send(fs.readFileSync(path.join(__dirname, 'files', path.basename(req.query.name))));
  res.sendFile(req.params.file, { root: path.join(__dirname, 'public') });
  res.sendFile(path.join(__dirname, 'index.html'));
});
app.get('/doc', (req, res) => {
  const base = path.resolve('docs');
  const p = path.resolve(base, req.query.name);
  if (!p.startsWith(base + path.sep)) return res.status(400).end();
  res.send(fs.readFileSync(p));
});
const extra = require('fs-extra');
import { readFile as slurp } from 'fs-extra';
app.get('/extra', async (req, res) => {
  res.send(await extra.readFile(path.join(__dirname, 'static', 'index.html')));
  res.send(await slurp(require.resolve('./package.json')));
});
app.get('/doc2', (req, res) => {
  const p = path.resolve(ROOT, req.query.name);
  if (!p.startsWith(`${ROOT}/`)) return res.status(400).end();
  res.send(fs.readFileSync(p));
});
router.get('/named', function (r, s) {
  s.send(fs.readFileSync(path.join(ROOT, 'index.html')));
});
