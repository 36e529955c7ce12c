// The compiled taint rules: each file picks its rules by `requires`, and the same pick is compiled
// once; the callee prefilter is the language's one regex whichever rules a file picked (compiled and
// warmed once), and a set holding a rule outside that universe gets its own, so its sinks are never
// skipped. Findings do not depend on the prefilter: a wider one only lets more calls be checked.
import { strict as assert } from 'node:assert';
import { compile } from '../../../../src/core/guard/engine/compiled';
import type { TaintRule } from '../../../../src/core/guard/rules/types';
import { RULES } from '../../../../src/core/guard/rules/index';
import { scanText } from '../../../../src/core/guard/scan';

const taint = RULES.filter((r): r is TaintRule => r.kind === 'taint' && r.languages.includes('js') && !!r.sinks.js?.some((s) => s.callee));

describe('compiled taint rules', () => {
  it('compiles the same pick once and shares the language prefilter between picks', () => {
    assert.ok(taint.length >= 3);
    const a = compile(taint.slice(0, 2), 'js', taint);
    assert.equal(compile([...taint.slice(0, 2)], 'js', taint), a, 'an equal pick in a new array is the same compiled set');
    const b = compile(taint.slice(1, 3), 'js', taint);
    assert.notEqual(b, a);
    assert.equal(b.anyCallee, a.anyCallee, 'one prefilter for the language');
    for (const r of taint) for (const s of r.sinks.js ?? []) if (s.callee) assert.ok(a.anyCallee.source.includes(s.callee));
  });

  it('a rule outside the universe gets a prefilter that lets its own sink through', () => {
    const custom: TaintRule = { ...taint[0], id: 'custom-sink', sinks: { js: [{ callee: '^zorkRun$' }] } };
    const c = compile([custom], 'js', taint);
    assert.ok(c.anyCallee.test('zorkRun'));
    assert.ok(!compile(taint.slice(0, 1), 'js', taint).anyCallee.test('zorkRun'));
  });

  it('finds the same in a file whatever was scanned before it (a file with no sink word, then one with a sink)', async () => {
    const plain = await scanText('p.ts', "import { f1 } from './mod1';\nexport const g = (n: string) => `Hello ${n}` + f1(1);\n");
    assert.deepEqual(plain, []);
    const risky = await scanText('r.ts', "import { exec } from 'node:child_process';\nexport function run(req: { query: { a: string } }) {\n  exec(`ls ${req.query.a}`);\n}\n");
    assert.deepEqual(risky.map((f) => [f.ruleId, f.line]), [['command-injection', 3]]);
  });
});
