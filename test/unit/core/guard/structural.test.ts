// The query rules' engine: all active rules' queries run as one joined query, so each match must be
// credited to the rule whose pattern matched (rules with several patterns, a non-ASCII query before
// another rule's), and a query that does not compile is reported with its rule's name.
import { strict as assert } from 'node:assert';
import { parse } from '../../../../src/core/guard/engine/parse';
import { plainTree } from '../../../../src/core/guard/engine/plainTree';
import { queryFindings } from '../../../../src/core/guard/engine/structural';
import type { QueryRule } from '../../../../src/core/guard/rules/types';

const rule = (id: string, js: string): QueryRule => ({ id, kind: 'query', cwe: 'CWE-1', severity: 'low', message: id, fix: 'x', languages: ['js'], queries: { js } });

async function run(text: string, rules: QueryRule[]) {
  const parsed = await parse('javascript', text);
  try {
    return queryFindings(parsed.tree, plainTree(parsed.tree, text), parsed.language, 'js', rules, 'a.js', text).map((f) => [f.ruleId, f.line]);
  } finally {
    parsed.tree.delete();
  }
}

const TEXT = ['alpha();', 'beta();', 'gamma();', 'delta();', ''].join('\n');

describe('guard query rules run as one query', () => {
  it('credits each match to the rule whose pattern matched, with several patterns per rule', async () => {
    const two = rule('two', '((call_expression function: (identifier) @f) @finding (#eq? @f "alpha"))\n((call_expression function: (identifier) @f) @finding (#eq? @f "gamma"))');
    // Non-ASCII text in a query puts its patterns further in UTF-8 bytes than in characters.
    const one = rule('one', `; ${'é'.repeat(120)}\n((call_expression function: (identifier) @f) @finding (#eq? @f "beta"))`);
    const last = rule('last', '((call_expression function: (identifier) @f) @finding (#eq? @f "delta"))');
    assert.deepEqual(await run(TEXT, [two, one, last]), [['two', 1], ['one', 2], ['two', 3], ['last', 4]]);
    // Another set of the same rules is another joined query, in its own order.
    assert.deepEqual(await run(TEXT, [last, one]), [['one', 2], ['last', 4]]);
  });

  it('names the rule whose query does not compile', async () => {
    const good = rule('good', '(call_expression) @finding');
    const bad = rule('bad-rule', '(call_expression (no_such_node)) @finding');
    await assert.rejects(run(TEXT, [good, bad]), /The guard rule bad-rule has a js query that does not compile/);
  });
});
