// One table test over every rule folder (src/core/guard/rules/<id>/): the rule is listed in the
// index, ships a positive and a negative example for each of its languages, fires on exactly the
// lines its positive examples mark with a `ruleid` comment, and stays quiet on its negative examples.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { scanText } from '../../../../src/core/guard/scan';
import { RULES } from '../../../../src/core/guard/rules/index';

const DIR = path.resolve(__dirname, '../../../../src/core/guard/rules');
const EXT: Record<string, string> = { js: '.js', python: '.py', java: '.java' };
const folders = readdirSync(DIR).filter((f) => statSync(path.join(DIR, f)).isDirectory());

const marked = (text: string) =>
  text
    .split('\n')
    .map((l, i) => (/(?:\/\/|#)\s*ruleid\b/.test(l) ? i + 1 : 0))
    .filter(Boolean);

describe('guard rules as data', () => {
  it('has 40 or more rules, each folder listed in the index and each id its folder name', () => {
    assert.ok(RULES.length >= 40, `only ${RULES.length} rules`);
    assert.deepEqual(RULES.map((r) => r.id).sort(), [...folders].sort());
  });

  for (const rule of RULES) {
    const examples = readdirSync(path.join(DIR, rule.id, 'examples'));
    for (const lang of rule.languages) {
      const pos = examples.filter((f) => /^positive/i.test(f) && f.endsWith(EXT[lang]));
      const neg = examples.filter((f) => /^negative/i.test(f) && f.endsWith(EXT[lang]));
      it(`${rule.id} (${lang}) has positive and negative examples`, () => {
        assert.ok(pos.length && neg.length, `add examples/positive${EXT[lang]} and examples/negative${EXT[lang]}`);
      });
      for (const f of pos) {
        it(`${rule.id} fires on exactly the marked lines of ${f}`, async () => {
          const text = readFileSync(path.join(DIR, rule.id, 'examples', f), 'utf8');
          const want = marked(text);
          assert.ok(want.length, `${f} marks no line with a ruleid comment`);
          const got = (await scanText(f, text)).filter((x) => x.ruleId === rule.id).map((x) => x.line);
          assert.deepEqual([...new Set(got)], want);
        });
      }
      for (const f of neg) {
        it(`${rule.id} stays quiet on ${f}`, async () => {
          const text = readFileSync(path.join(DIR, rule.id, 'examples', f), 'utf8');
          const got = (await scanText(f, text)).filter((x) => x.ruleId === rule.id);
          assert.deepEqual(got.map((x) => `${x.line}: ${x.snippet}`), []);
        });
      }
    }
  }
});
