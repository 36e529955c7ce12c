// Weak hashes named however the module was imported, probed as an attacker would in TypeScript and
// JavaScript: a named import, a renamed one, a namespace import, a default import, `node:` specifiers,
// require with destructuring and in place, and Web Crypto — and the look-alikes that are safe: SHA-256,
// a function of another module that takes the same word, an algorithm that only starts like a weak one.
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';

type Row = [name: string, file: string, code: string, lines: number[]];

const rows: Row[] = [
  ['a named import', 'a.ts', "import { createHash } from 'crypto';\nexport const h = (s: string) => createHash('md5').update(s).digest('hex');", [2]],
  ['a named import from node:crypto, renamed', 'a.ts', "import { createHash as digest } from 'node:crypto';\nconst h = digest('sha1');", [2]],
  ['a namespace import, upper case algorithm', 'a.ts', "import * as nodeCrypto from 'node:crypto';\nconst h = nodeCrypto.createHash('MD5');", [2]],
  ['a default import', 'a.ts', "import crypto from 'crypto';\nconst h = crypto.createHmac('sha1', key);", [2]],
  ['require of node:crypto under another name, template literal', 'a.js', "const c = require('node:crypto');\nconst h = c.createHash(`md5`);", [2]],
  ['destructured require, renamed', 'a.js', "const { createHash: ch } = require('crypto');\nconst h = ch('md4');", [2]],
  ['an alias of an alias', 'a.js', "const c = require('crypto');\nconst make = c.createHash;\nconst h = make('sha1');", [3]],
  ['SHA-256 through every spelling is fine', 'a.ts', "import { createHash } from 'crypto';\nimport * as c from 'node:crypto';\nconst a = createHash('sha256');\nconst b = c.createHash('SHA512');\nconst d = createHash('sha1WithRSAEncryption'.slice(0, 0) + 'sha384');", []],
  ['a function of another module named createHash is not Node\'s', 'a.ts', "import { createHash } from './myHashes';\nconst h = createHash('md5');\nconst k = lookup('md5');", []],
  ['an algorithm that only starts like a weak one', 'a.ts', "import { createHash } from 'crypto';\nconst h = createHash('sha1-sha256-compat');\nconst m = createHash('md5sha1');", []],
];

describe('guard: weak hashes through every way of importing crypto', () => {
  for (const [name, file, code, lines] of rows) {
    it(name, async () => {
      const got = (await scanText(file, code)).filter((f) => f.ruleId === 'weak-hash').map((f) => f.line);
      assert.deepEqual([...new Set(got)], lines, `weak-hash on ${JSON.stringify(got)}\n${code}`);
    });
  }
});
