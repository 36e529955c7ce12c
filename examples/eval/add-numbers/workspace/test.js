const assert = require('node:assert');
const { add } = require('./math');

let failing = 0;
for (const [a, b, sum] of [[2, 3, 5], [0, 0, 0], [-1, 1, 0]]) {
  try {
    assert.equal(add(a, b), sum);
  } catch {
    failing++;
    console.log(`add(${a}, ${b}) should be ${sum}, got ${add(a, b)}`);
  }
}
console.log(failing ? `${failing} failing` : '3 passing');
process.exit(failing ? 1 : 0);
