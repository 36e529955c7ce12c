const { Client } = require('ssh2');
const conn = new Client();
conn.connect({
  host,
  username: 'deploy',
  hostVerifier: () => true, // ruleid
});
conn.connect({ host, hostVerifier: function (key) { return true; } }); // ruleid
conn.connect({
  host,
  hostVerifier: (key) => {
    return true; // ruleid
  },
});
execFile('ssh', ['-o', 'StrictHostKeyChecking no', host, 'uptime']); // ruleid
