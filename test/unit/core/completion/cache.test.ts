import { strict as assert } from 'node:assert';
import { CompletionCache } from '../../../../src/core/completion/cache';

describe('completion cache', () => {
  const prefix = 'function add(a, b) {\n  ';
  it('answers the same spot again', () => {
    const c = new CompletionCache();
    c.put('file:///a.ts', prefix, '', 'return a + b;', 0);
    assert.deepEqual(c.get('file:///a.ts', prefix, ''), { insertText: 'return a + b;', replaceAfter: 0 });
  });
  it('offers the rest when the user types the start of the suggestion', () => {
    const c = new CompletionCache();
    c.put('file:///a.ts', prefix, '', 'return a + b;', 0);
    assert.deepEqual(c.get('file:///a.ts', prefix + 'ret', ''), { insertText: 'urn a + b;', replaceAfter: 0 });
    assert.deepEqual(c.get('file:///a.ts', prefix + 'return a + b', ''), { insertText: ';', replaceAfter: 0 });
  });
  it('misses once the typed text departs from the suggestion or completes it', () => {
    const c = new CompletionCache();
    c.put('file:///a.ts', prefix, '', 'return a + b;', 0);
    assert.equal(c.get('file:///a.ts', prefix + 'rex', ''), undefined);
    assert.equal(c.get('file:///a.ts', prefix + 'return a + b;', ''), undefined);
  });
  it('keys on the document and on the rest of the line', () => {
    const c = new CompletionCache();
    c.put('file:///a.ts', prefix, ')', 'x', 0);
    assert.equal(c.get('file:///b.ts', prefix, ')'), undefined);
    assert.equal(c.get('file:///a.ts', prefix, ''), undefined);
  });
  it('keeps working when the prefix window slides at its start', () => {
    const c = new CompletionCache();
    const long = 'x'.repeat(5000) + '\n' + prefix;
    c.put('u', long, '', 'return 1;', 0);
    assert.deepEqual(c.get('u', long.slice(100) + 're', ''), { insertText: 'turn 1;', replaceAfter: 0 });
  });
  it('evicts the least recently used entry beyond its capacity', () => {
    const c = new CompletionCache(2);
    c.put('u', 'a\n', '', 'one', 0);
    c.put('u', 'b\n', '', 'two', 0);
    c.get('u', 'a\n', '');
    c.put('u', 'c\n', '', 'three', 0);
    assert.ok(c.get('u', 'a\n', ''));
    assert.equal(c.get('u', 'b\n', ''), undefined);
  });
});
