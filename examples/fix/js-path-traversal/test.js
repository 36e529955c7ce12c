const assert = require('node:assert');
const { serveFile } = require('./files');
let body;
const res = { statusCode: 200, end: (b) => (body = b), status(c) { this.statusCode = c; return this; }, send: (b) => (body = b) };
serveFile({ query: { name: 'hello.txt' } }, res);
assert.strictEqual(String(body).trim(), 'hello');
console.log('ok');
