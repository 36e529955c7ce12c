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
