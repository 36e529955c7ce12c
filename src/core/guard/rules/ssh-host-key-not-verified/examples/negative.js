const { Client } = require('ssh2');
const crypto = require('crypto');
const conn = new Client();
conn.connect({
  host,
  hostVerifier: (key) => crypto.createHash('sha256').update(key).digest('base64') === PINNED,
});
conn.connect({ host, hostVerifier: (key) => { if (!known(key)) return false; return true; } });
execFile('ssh', ['-o', 'StrictHostKeyChecking=yes', host, 'uptime']);
const opts = { verify: () => true };
