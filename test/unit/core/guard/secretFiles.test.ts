// Secret-class files (.env*, .npmrc, .pypirc, keys) checked for secrets without ever showing one, probed
// as an attacker would: a registry token in .npmrc, legacy base64 _auth, real-looking keys in an
// `.env.example`, quoted values, `export`, YAML-style `name: value`, a private key file — and the
// look-alikes that are safe: `${VAR}` references, placeholders, AWS's documented example key, empty
// values, names that are no secret, comments. No finding may carry the value, in its snippet or message.
import { strict as assert } from 'node:assert';
import { redactedLine, secretFileFindings } from '../../../../src/core/guard/secretFiles';

const NPM = 'npm_Zx9QwErTy7UiOp3AsDfGh5JkLzXcVbNm12Kq';
const OPENAI = 'sk-proj-Q9zX2mW8vL4nR7tY1pK6sD3fG0hJ5cB';
const GH = 'ghp_Zx9QwErTy7UiOp3AsDfGh5JkLzXcVbNm12Kq';
const JWT = '8f3a9c2e7b1d4f6a0e5c9b2d7f1a3e6c';
const B64 = 'dXNlcjpodW50ZXIyMDI0IQ==';

type Row = [name: string, file: string, text: string, lines: number[]];

const rows: Row[] = [
  ['.npmrc: a registry auth token', '.npmrc', `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM}\n`, [2]],
  ['.npmrc: a legacy base64 _auth', '.npmrc', `_auth=${B64}\nalways-auth=true\n`, [1]],
  ['.npmrc: a token read from the environment is fine', '.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}\n', []],
  ['.env.example: real-looking keys among placeholders', '.env.example', `# copy to .env\nOPENAI_API_KEY=${OPENAI}\nDATABASE_PASSWORD=changeme\nSECRET_KEY=your-secret-here\nJWT_SECRET="${JWT}"\nSESSION_SECRET=\${SESSION_SECRET}\nDEBUG=true\nAPI_URL=https://api.example.com\n`, [2, 5]],
  ['.env: export, single quotes, a trailing comment', '.env', `export GH_TOKEN='${GH}'\nSTRIPE_KEY=${'sk_live_51HxQ2bK9zLmN4pQ7rT8vW3y'} # live\n`, [1, 2]],
  ['.env.sample: AWS documented example and an empty value', '.env.sample', 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nDB_PASS=\n', []],
  ['.env: a commented-out key is still a leaked key', '.env', `# OPENAI_API_KEY=${OPENAI}\n`, [1]],
  ['.env: names that are no secret', '.env', 'PORT=8080\nNODE_ENV=production\nLOG_LEVEL=debug\nTOKEN_TTL_SECONDS=3600\n', []],
  ['.pypirc: a password under a section', '.pypirc', '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCJGE3ZjY0NTU2LWI5ZjAtNDk1NC05OTg2\n', [3]],
  ['a private key file', 'id_ed25519', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n', [1]],
  ['YAML-style credentials', '.env.yaml', `api_key: ${OPENAI}\nname: service\n`, [1]],
];

describe('guard: secret-class files checked for secrets, values never shown', () => {
  for (const [name, file, text, lines] of rows) {
    it(name, () => {
      const got = secretFileFindings(file, text);
      assert.deepEqual(got.map((f) => f.line), lines, JSON.stringify(got.map((f) => `${f.line} ${f.snippet}`)));
      for (const f of got) {
        assert.equal(f.path, file);
        for (const v of [NPM, OPENAI, GH, JWT, B64, 'sk_live_51HxQ2bK9zLmN4pQ7rT8vW3y', 'pypi-AgEI', 'b3BlbnNzaC1rZXkt']) {
          assert.ok(!JSON.stringify(f).includes(v), `the finding on line ${f.line} shows the value: ${JSON.stringify(f)}`);
        }
        assert.match(f.snippet, /\[redacted\]$/);
      }
    });
  }

  it('shows a line by its name only', () => {
    assert.equal(redactedLine(`//registry.npmjs.org/:_authToken=${NPM}`), '//registry.npmjs.org/:_authToken=[redacted]');
    assert.equal(redactedLine(`export GH_TOKEN="${GH}"`), 'GH_TOKEN=[redacted]');
    assert.equal(redactedLine(`api_key: ${OPENAI}`), 'api_key: [redacted]');
    assert.equal(redactedLine('-----BEGIN RSA PRIVATE KEY-----'), '[redacted]');
  });

  it('--disable turns the secret checks off here too', () => {
    assert.deepEqual(secretFileFindings('.env', `OPENAI_API_KEY=${OPENAI}\nX_TOKEN=${NPM}\n`, ['hardcoded-secret', 'vendor-token']), []);
  });
});
