const { execFile } = require('child_process');
app.post('/ping', (req, res) => {
  execFile('ping', ['-c', '1', req.body.host], (e, out) => res.send(out));
  exec('git status');
  const re = /a(b)/;
  re.exec(req.body.text);
});
// Helpers that run their parameter: called with constants, or quoting what they add.
function runShell(cmd) {
  return require('child_process').execSync(cmd);
}
runShell('brew install nss');
runShell(['certutil', '-L'].join(' '));
function listDir(dir) {
  return require('child_process').execSync('ls ' + shellescape([dir]));
}
function sizes(root) { return listDir(root + '/build'); }
function runFile(program, args) { return require('child_process').execFileSync(program, args); }
function log(branch) { return runFile('git', ['log', branch]); }
