// Weak hashes named through a constant instead of a literal, probed as an attacker would in
// TypeScript/JavaScript, Python and Java: a local or module constant, a `let` never changed, a
// constant copied to another name, a renamed import of the hash function, a Java `static final`
// field (also read as `Cls.ALG` or through a fully-qualified MessageDigest), a Python module constant
// given to a renamed `hashlib.new`, a class field read as `this.alg`/`self.alg` — and the look-alikes that are safe: the variable reassigned to a
// strong algorithm before use, assigned from input on some path, a parameter, a loop variable, and
// a strong constant.
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';

type Row = [name: string, file: string, code: string, lines: number[]];

const rows: Row[] = [
  // Flagged.
  ['a module const', 'a.ts', "import { createHash } from 'crypto';\nconst ALG = 'md5';\nexport const h = (s: string) => createHash(ALG).update(s).digest('hex');", [3]],
  ['a local let never changed, renamed import', 'a.ts', "import { createHash as digest } from 'node:crypto';\nexport function h(s: string) {\n  let alg = 'SHA1';\n  return digest(alg).update(s);\n}", [4]],
  ['a constant copied to another name, require destructured and renamed', 'a.js', "const { createHmac: mac } = require('crypto');\nconst WEAK = `md5`;\nconst alg = WEAK;\nconst m = mac(alg, key);", [4]],
  ['a local constant given to a namespace import', 'a.ts', "import * as c from 'crypto';\nfunction h() { const a = 'ripemd160'; return c.createHash(a); }", [2]],
  ['a branch that sets a weak constant last', 'a.js', "const crypto = require('crypto');\nfunction h(legacy) {\n  let alg = 'sha256';\n  if (legacy) alg = 'md5';\n  return crypto.createHash(alg);\n}", [5]],
  ['Python module constant to hashlib.new', 'a.py', "import hashlib\nALG = 'md5'\ndef h(data):\n    return hashlib.new(ALG, data).hexdigest()", [4]],
  ['Python local constant to a renamed new', 'a.py', "from hashlib import new as make_hash\ndef h(data):\n    alg = \"SHA1\"\n    return make_hash(alg, data)", [4]],
  ['Python class constant read through the class', 'a.py', "import hashlib as hl\nclass C:\n    ALG = 'md5'\n    def h(self, data):\n        return hl.new(C.ALG, data)", [5]],
  ['Java static final field', 'A.java', 'import java.security.MessageDigest;\nclass A {\n  private static final String ALG = "MD5";\n  byte[] h(byte[] d) throws Exception { return MessageDigest.getInstance(ALG).digest(d); }\n}', [4]],
  ['Java local final, fully-qualified MessageDigest', 'A.java', 'class A {\n  byte[] h(byte[] d) throws Exception {\n    final String alg = "SHA-1";\n    return java.security.MessageDigest.getInstance(alg).digest(d);\n  }\n}', [4]],
  ['Java constant read as Cls.FIELD', 'A.java', 'import java.security.MessageDigest;\nclass A {\n  static final String ALG = "MD2";\n  byte[] h(byte[] d) throws Exception { return MessageDigest.getInstance(A.ALG).digest(d); }\n}', [4]],
  ['a class field read as this.alg', 'a.js', "const crypto = require('crypto');\nclass H {\n  alg = 'md5';\n  h(d) { return crypto.createHash(this.alg).update(d); }\n}", [4]],
  ['a TypeScript readonly field', 'a.ts', "import { createHash } from 'crypto';\nclass H {\n  private readonly alg = 'md5';\n  h(d: string) { return createHash(this.alg).update(d); }\n}", [4]],
  ['Python attribute set in __init__', 'a.py', "import hashlib\nclass H:\n    def __init__(self):\n        self.alg = 'md5'\n    def h(self, d):\n        return hashlib.new(self.alg, d)", [6]],
  // Not flagged.
  ['a field a setter reassigns from its parameter', 'a.ts', "import { createHash } from 'crypto';\nclass H {\n  private alg = 'md5';\n  set(a: string) { this.alg = a; }\n  h(d: string) { return createHash(this.alg).update(d); }\n}", []],
  ['Python attribute a setter reassigns', 'a.py', "import hashlib\nclass H:\n    def __init__(self):\n        self.alg = 'md5'\n    def use(self, a):\n        self.alg = a\n    def h(self, d):\n        return hashlib.new(self.alg, d)", []],
  ['reassigned to a strong constant before use', 'a.js', "const crypto = require('crypto');\nfunction h() {\n  let alg = 'md5';\n  alg = 'sha256';\n  return crypto.createHash(alg);\n}", []],
  ['reassigned from input on one path', 'a.js', "const crypto = require('crypto');\nfunction h(req) {\n  let alg = 'md5';\n  if (req.query.alg) alg = req.query.alg;\n  return crypto.createHash(alg);\n}", []],
  ['a parameter that shadows a weak module constant', 'a.ts', "import { createHash } from 'crypto';\nconst alg = 'md5';\nexport function h(alg: string) { return createHash(alg); }", []],
  ['destructured from a request, with a weak module constant of the same name', 'a.js', "const crypto = require('crypto');\nconst alg = 'md5';\nfunction h(req) { const { alg } = req.body; return crypto.createHash(alg); }", []],
  ['a loop variable', 'a.js', "const crypto = require('crypto');\nfor (const alg of algorithms) crypto.createHash(alg);", []],
  ['a strong constant', 'a.ts', "import { createHash } from 'crypto';\nconst ALG = 'sha256';\nconst h = createHash(ALG);", []],
  ['another library with a weak constant', 'a.ts', "import { createHash } from './hashes';\nconst ALG = 'md5';\nconst h = createHash(ALG);", []],
  ['a constant used as a cache key hash', 'a.js', "const crypto = require('crypto');\nconst ALG = 'md5';\nconst etag = crypto.createHash(ALG).update(body).digest('hex');", []],
  ['Python constant reassigned from the request', 'a.py', "import hashlib\ndef h(request, data):\n    alg = 'md5'\n    alg = request.args.get('alg')\n    return hashlib.new(alg, data)", []],
  ['Python parameter with a weak default', 'a.py', "import hashlib\ndef h(data, alg='md5'):\n    return hashlib.new(alg, data)", []],
  ['Python strong module constant', 'a.py', "import hashlib\nALG = 'sha256'\nd = hashlib.new(ALG, b'x')", []],
  ['Python f-string is not a constant', 'a.py', "import hashlib\nALG = f'{kind}'\nd = hashlib.new(ALG, b'x')", []],
  ['Java field assigned from input elsewhere', 'A.java', 'import java.security.MessageDigest;\nclass A {\n  private String alg = "MD5";\n  void set(String a) { alg = a; }\n  byte[] h(byte[] d) throws Exception { return MessageDigest.getInstance(alg).digest(d); }\n}', []],
  ['Java strong constant', 'A.java', 'import java.security.MessageDigest;\nclass A {\n  static final String ALG = "SHA-256";\n  byte[] h(byte[] d) throws Exception { return MessageDigest.getInstance(ALG).digest(d); }\n}', []],
  ['Java local from a property', 'A.java', 'import java.security.MessageDigest;\nclass A {\n  byte[] h(byte[] d, java.util.Properties p) throws Exception {\n    String alg = "MD5";\n    alg = p.getProperty("alg", "SHA-512");\n    return MessageDigest.getInstance(alg).digest(d);\n  }\n}', []],
];

describe('guard: weak hashes named through a constant', () => {
  for (const [name, file, code, lines] of rows) {
    it(name, async () => {
      const got = (await scanText(file, code)).filter((f) => f.ruleId === 'weak-hash').map((f) => f.line);
      assert.deepEqual([...new Set(got)], lines, `weak-hash on ${JSON.stringify(got)}\n${code}`);
    });
  }
});
