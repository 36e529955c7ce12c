const { execFile: ef } = require('child_process');
import { spawn as start } from 'node:child_process';
const cp = require('child_process');
require('http').createServer((req, res) => {
  const prog = new URL(req.url, 'http://localhost').searchParams.get('p');
  ef(prog, ['--version']); // ruleid
  start(prog); // ruleid
  cp.spawnSync(req.headers['x-tool'], { stdio: 'inherit' }); // ruleid
  res.end();
}).listen(8080);
