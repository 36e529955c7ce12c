// Cost per call from tandem.chat.pricing: exact and prefix matches, cached input at its own price,
// malformed entries reported and left out, and the display format.
import { strict as assert } from 'node:assert';
import { costOf, formatCost, parsePricing, priceFor } from '../../../../src/core/llm/pricing';

describe('pricing', () => {
  it('costs input, cached input and output per million tokens', () => {
    const p = { input: 2.5, output: 10, cachedInput: 1.25 };
    assert.equal(costOf({ inputTokens: 1_000_000, outputTokens: 0 }, p), 2.5);
    assert.equal(costOf({ inputTokens: 0, outputTokens: 1_000_000 }, p), 10);
    // 400k fresh at 2.5 + 600k cached at 1.25 + 2k out at 10
    assert.equal(costOf({ inputTokens: 1_000_000, cachedTokens: 600_000, outputTokens: 2_000 }, p), 1 + 0.75 + 0.02);
  });

  it('bills cached tokens at the input price when no cached price is given, and never more cached than input', () => {
    assert.equal(costOf({ inputTokens: 1000, cachedTokens: 800, outputTokens: 0 }, { input: 1, output: 2 }), 0.001);
    assert.equal(costOf({ inputTokens: 1000, cachedTokens: 5000, outputTokens: 0 }, { input: 1, output: 2, cachedInput: 0.5 }), 0.0005);
    assert.equal(costOf({ inputTokens: 1000, cachedTokens: -5, outputTokens: 0 }, { input: 1, output: 2, cachedInput: 0.5 }), 0.001);
  });

  it('finds the exact model, else the longest matching prefix, case-insensitively; no guess otherwise', () => {
    const { table } = parsePricing({ 'gpt-4o': { input: 2.5, output: 10 }, 'gpt-4o*': { input: 9, output: 9 }, 'gpt-4o-mini*': { input: 0.15, output: 0.6 }, 'gpt*': { input: 1, output: 1 } });
    assert.equal(priceFor(table, 'GPT-4o')?.input, 2.5);
    assert.equal(priceFor(table, 'gpt-4o-mini-2024-07-18')?.input, 0.15);
    assert.equal(priceFor(table, 'gpt-4o-2024-08-06')?.input, 9);
    assert.equal(priceFor(table, 'gpt-3.5')?.input, 1);
    assert.equal(priceFor(table, 'qwen2.5-coder:7b'), undefined);
  });

  it('keeps valid entries and says what is wrong with the others', () => {
    const { table, errors } = parsePricing({ ok: { input: 1, output: 2, cachedInput: 0.1 }, free: { input: 0, output: 0 }, neg: { input: -1, output: 2 }, text: { input: '1', output: 2 }, partial: { input: 1 }, nul: null, badCached: { input: 1, output: 1, cachedInput: 'x' } });
    assert.deepEqual(Object.keys(table), ['ok', 'free']);
    assert.equal(errors.length, 5);
    assert.match(errors[0], /tandem\.chat\.pricing\["neg"\] needs "input" and "output"/);
    assert.deepEqual(parsePricing(undefined), { table: {}, errors: [] });
    assert.match(parsePricing([1]).errors[0], /must be an object/);
    assert.match(parsePricing('cheap').errors[0], /must be an object/);
  });

  it('formats costs readably', () => {
    assert.equal(formatCost(0), '$0.00');
    assert.equal(formatCost(1.234), '$1.23');
    assert.equal(formatCost(0.42), '$0.42');
    assert.equal(formatCost(0.0031), '$0.0031');
    assert.equal(formatCost(0.00001), '<$0.0001');
  });
});
