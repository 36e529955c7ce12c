import { strict as assert } from 'node:assert';
import { contextTokensFor, estimateTokens, PROMPT_CAP_TOKENS, splitBudget } from '../../../../src/core/completion/budget';
import { AdaptiveDebounce } from '../../../../src/core/completion/debounce';

describe('completion token budget', () => {
  const models: Array<[string, number]> = [
    ['qwen2.5-coder:1.5b-base', 32_768],
    ['Qwen/Qwen2.5-Coder-7B', 32_768],
    ['bigcode/starcoder2-3b', 16_384],
    ['starcoderbase-1b', 8_192],
    ['deepseek-coder-1.3b-base', 16_384],
    ['codestral-latest', 32_768],
    ['gpt-3.5-turbo-instruct', 4_096],
    ['some-unknown-model', 4_096],
  ];
  for (const [model, tokens] of models) it(`guesses ${tokens} tokens for ${model}`, () => assert.equal(contextTokensFor(model), tokens));
  it('takes the setting over the guess', () => assert.equal(contextTokensFor('qwen2.5-coder', 2048), 2048));

  it('splits what the answer leaves, capped for latency, and never beyond the context', () => {
    for (const [ctx, max] of [[2048, 128], [4096, 256], [32_768, 128], [600, 500]]) {
      const b = splitBudget(ctx, max);
      const total = b.prefixTokens + b.suffixTokens + b.snippetTokens;
      assert.ok(total <= PROMPT_CAP_TOKENS);
      assert.ok(total <= Math.max(256, ctx - max), `${total} for ${ctx}/${max}`);
      assert.ok(b.prefixTokens > b.suffixTokens && b.snippetTokens > 0);
    }
  });

  it('over-counts code rather than under-counting it', () => {
    // Real BPE tokenizers average 3.3–4 characters per token of source code.
    const code = 'export function add(first: number, second: number): number {\n  return first + second;\n}\n';
    assert.ok(estimateTokens(code) >= Math.ceil(code.length / 3.5));
    assert.equal(estimateTokens(''), 0);
  });
});

describe('adaptive debounce', () => {
  it('waits the ceiling until it has seen the user type', () => {
    const d = new AdaptiveDebounce();
    d.keystroke(0);
    d.keystroke(40);
    assert.equal(d.delay(150), 150);
  });

  it('learns a fast typist and waits a little longer than nearly all their gaps', () => {
    const d = new AdaptiveDebounce();
    let t = 0;
    for (let i = 0; i < 30; i++) d.keystroke((t += 40 + (i % 5) * 10));
    const delay = d.delay(150);
    assert.ok(delay > 80 && delay <= 100, `waited ${delay} ms for gaps of 40–80 ms`);
  });

  it('ignores pauses between bursts and never exceeds the ceiling', () => {
    const d = new AdaptiveDebounce();
    let t = 0;
    for (let i = 0; i < 30; i++) d.keystroke((t += i % 6 === 0 ? 5000 : 50));
    assert.ok(d.delay(150) < 80);
    const slow = new AdaptiveDebounce();
    for (let i = 0; i < 30; i++) slow.keystroke(i * 400);
    assert.equal(slow.delay(150), 150);
    assert.equal(slow.delay(0), 0);
  });
});
