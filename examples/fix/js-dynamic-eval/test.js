const assert = require('node:assert');
const { parseSettings } = require('./settings');
assert.deepStrictEqual(parseSettings('{"theme":"dark","size":12}'), { theme: 'dark', size: 12 });
assert.deepStrictEqual(parseSettings('[1,2]'), [1, 2]);
console.log('ok');
