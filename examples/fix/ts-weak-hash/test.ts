import { strict as assert } from 'node:assert';
import { checkPassword, hashPassword } from './passwords';
const stored = hashPassword('correct horse');
assert.equal(checkPassword('correct horse', stored), true);
assert.equal(checkPassword('wrong', stored), false);
assert.notEqual(stored, 'correct horse');
console.log('ok');
