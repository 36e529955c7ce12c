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
