// Token estimates, budgets by model and head+tail truncation of tool outputs.
import { strict as assert } from 'node:assert';
import { budgetFor, contextWindowFor, DEFAULT_CONTEXT_WINDOW, estimateMessageTokens, estimateTextTokens, truncateOutput } from '../../../../src/core/llm/tokens';

describe('context budget', () => {
  const windows: Array<[string, number]> = [
    ['gpt-4o-mini', 128_000],
    ['gpt-4.1', 1_000_000],
    ['o3-mini', 200_000],
    ['claude-sonnet-4', 200_000],
    ['qwen2.5-coder:7b', 32_768],
    ['qwen3-coder:30b', 40_960],
    ['llama3.1:8b', 128_000],
    ['some-unknown-model', DEFAULT_CONTEXT_WINDOW],
  ];
  for (const [model, size] of windows) it(`${model} → ${size}`, () => assert.equal(contextWindowFor(model), size));

  it('an override wins over the table', () => assert.equal(contextWindowFor('gpt-4o', 9_000), 9_000));

  it('reserves room for the answer and compacts before the limit', () => {
    const b = budgetFor('x', 10_000);
    assert.equal(b.reservedForOutput, 2_500);
    assert.ok(b.compactAt < b.window - b.reservedForOutput);
  });

  it('estimates about four characters per token plus per-message overhead', () => {
    assert.equal(estimateTextTokens('x'.repeat(400)), 100);
    assert.equal(estimateMessageTokens({ role: 'user', content: 'x'.repeat(400) }), 104);
    assert.ok(estimateMessageTokens({ role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'read_file', arguments: 'y'.repeat(400) }] }) > 100);
  });

  it('keeps head and tail of a long output with a notice', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    const out = truncateOutput(text, 2_000);
    assert.ok(out.length <= 2_200);
    assert.ok(out.startsWith('line 0\n'));
    assert.ok(out.endsWith('line 4999'));
    assert.match(out, /characters \(\d+ lines\) omitted/);
    assert.equal(truncateOutput('short', 2_000), 'short');
  });
});
