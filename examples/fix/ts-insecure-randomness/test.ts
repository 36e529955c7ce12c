import { strict as assert } from 'node:assert';
import { newSessionToken } from './session';
const a = newSessionToken();
const b = newSessionToken();
assert.ok(a.length >= 32, a);
assert.notEqual(a, b);
assert.match(a, /^[A-Za-z0-9_-]+$/);
console.log('ok');
