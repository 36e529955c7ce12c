const cp = require('child_process');
function convert(file) {
  cp.spawn(`convert ${file} out.png`, { shell: true }); // ruleid
  cp.execFile('sh', ['-c', 'tar xf ' + file]); // ruleid
}
