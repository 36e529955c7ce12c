const fs = require('fs');
const path = require('path');

const BASE = path.join(__dirname, 'public');

// Serves a file from the public folder: GET /files?name=...
function serveFile(req, res) {
  const file = path.join(BASE, req.query.name);
  res.end(fs.readFileSync(file, 'utf8'));
}

module.exports = { serveFile, BASE };
