// Vendor-format tokens are found in every text file the guard reads, not only in the languages it
// parses: YAML, .properties, Dockerfiles, Go, Ruby, PHP, plain text. Examples and placeholders are not
// tokens, and one secret on a line is one finding.
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';

type Row = [file: string, text: string, lines: number[]];

// Assembled at run time so this file holds no token-shaped literal.
const tok = (prefix: string, body: string) => `${prefix}${body}`;
const rows: Row[] = [
  ['config.yaml', `stripe:\n  key: ${tok('sk_live_', '4eC39HqLyjWDarjtT1zdp7dc')}\n`, [2]],
  ['app.properties', `slack.token=${tok('xoxb-', '1234567890-abcdefghijkl')}\n`, [1]],
  ['Dockerfile', `FROM node:20\nENV HF_TOKEN=${tok('hf_', 'abcdefghijklmnopqrstuvwxyzABCDEF')}\n`, [2]],
  ['main.go', `package main\n\nconst key = "${tok('AIza', 'SyA1234567890abcdefghijklmnopqrstuv')}"\n`, [3]],
  ['deploy.rb', `set :gitlab_token, "${tok('glpat-', 'abcdefghijklmnopqrst')}"\n`, [1]],
  ['index.php', `<?php\n$k = "${tok('npm_', 'abcdefghijklmnopqrstuvwxyz0123456789')}";\n`, [2]],
  ['notes.txt', `use ${tok('sk-proj-', 'abcdefghijklmnopqrstuvwxyz')} for now\n`, [1]],
  ['settings.toml', `[ci]\ntoken = "${tok('ghp_', 'abcdefghijklmnopqrstuvwxyz0123456789')}"\n`, [2]],
  // Examples and placeholders are not tokens.
  ['example.rb', `KEY = "${tok('sk_live_', 'EXAMPLEEXAMPLEEXAMPLE')}"\n`, []],
  ['notes.md', `token: ${tok('xoxb-', 'xxxxxxxxxxxxxxxxxx')}\nkey: ${tok('AKIA', 'IOSFODNN7EXAMPLE')}\n`, []],
  ['README.txt', 'Set STRIPE_KEY to your sk_live_ key from the dashboard.\n', []],
];

describe('guard: secrets in any text file', () => {
  for (const [file, text, lines] of rows) {
    it(`${file}: ${lines.length ? `flags line ${lines.join(', ')}` : 'flags nothing'}`, async () => {
      const got = (await scanText(file, text)).filter((f) => f.cwe === 'CWE-798');
      assert.deepEqual(
        got.map((f) => f.line),
        lines,
      );
      assert.ok(got.every((f) => /^(?:vendor-token|hardcoded-secret)$/.test(f.ruleId)), 'one finding per secret');
    });
  }
});
