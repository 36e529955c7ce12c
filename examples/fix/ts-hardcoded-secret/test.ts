import { strict as assert } from 'node:assert';
process.env.STRIPE_SECRET_KEY = ['test', 'value'].join('-');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { authHeader } = require('./client') as typeof import('./client');
assert.match(authHeader(), /^Bearer \S+$/);
console.log('ok');
