const { execSync } = require('child_process');

// Lists the files of a folder the user names.
function listFolder(dir) {
  return execSync('ls ' + dir).toString().split('\n').filter(Boolean);
}

module.exports = { listFolder };
