const cp = require('child_process');
function convert(file) {
  cp.spawn('convert', [file, 'out.png']);
  cp.spawn('make clean', { shell: true });
}
function sh(line) {
  return cp.spawnSync(line, { shell: true, stdio: 'inherit' });
}
sh('make clean');
