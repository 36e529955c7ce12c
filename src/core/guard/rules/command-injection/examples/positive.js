const { exec } = require('child_process');
app.post('/ping', (req, res) => {
  exec('ping -c 1 ' + req.body.host, (e, out) => res.send(out)); // ruleid
  const file = req.query.file;
  const cmd = `convert ${file} out.png`;
  require('child_process').execSync(cmd); // ruleid
});
function run(branch) {
  shell.exec('git log ' + branch); // ruleid
}
// A helper that runs its parameter in a shell is a sink at its call sites, and so is a helper of that helper.
function runShell(cmd, options) {
  return require('child_process').execSync(cmd, options);
}
function openssl(args) {
  return runShell(`openssl ${args}`); // ruleid
}
export function certificateFor(domain) {
  runShell(`echo '127.0.0.1 ${domain}' | sudo tee -a /etc/hosts`); // ruleid
  openssl(`genrsa -out "${domain}.key" 2048`); // ruleid
}
class Installer {
  sh(line) { return exec(line); }
  install(pkg) { return this.sh('npm install ' + pkg); } // ruleid
}
