const cp = require('child_process');
function convert(file) {
  cp.spawn(`convert ${file} out.png`, { shell: true }); // ruleid
  cp.execFile('sh', ['-c', 'tar xf ' + file]); // ruleid
}
// A helper that starts its parameter through a shell is a sink at its call sites.
function sh(line) {
  return cp.spawnSync(line, { shell: true, stdio: 'inherit' });
}
function clean(dir) {
  sh('rm -rf ' + dir + '/build'); // ruleid
}
