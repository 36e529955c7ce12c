// The exec bundle's V8 code cache (src/cli/codeCache.ts): written once, used after, and never
// trusted for another bundle text (even one of the same length, which V8 itself would accept),
// another Node, or a corrupted file; a cache folder that cannot be written costs only the cache.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadWithCodeCache } from '../../../src/cli/codeCache';

describe('CLI code cache', () => {
  let dir: string;
  let bundle: string;
  let cacheDir: string;
  const cacheFile = () => path.join(cacheDir, 'code-cache', 'bundle-exec.bin');
  // Enough code for V8 to cache functions; `answer` tells which text ran.
  const text = (answer: string) => `exports.answer = () => '${answer}';\nexports.dir = __dirname;\nexports.req = typeof require('node:path').join;\n${Array.from({ length: 50 }, (_, i) => `exports.f${i} = (x) => x * ${i} + ${i};`).join('\n')}\n`;
  const load = () => loadWithCodeCache(bundle, cacheDir, 'exec');

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-code-cache-'));
    bundle = path.join(dir, 'bundle.js');
    cacheDir = path.join(dir, 'cache');
    writeFileSync(bundle, text('one'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles without a cache the first time, writes one (private) when asked, and uses it after', () => {
    const first = load();
    assert.equal(first.cache, 'missing');
    const exp = first.exports as { answer: () => string; dir: string; req: string };
    assert.equal(exp.answer(), 'one');
    assert.equal(exp.dir, dir);
    assert.equal(exp.req, 'function');
    assert.equal(first.save(), 'written');
    assert.equal(statSync(cacheFile()).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(cacheFile())).mode & 0o777, 0o700);
    const second = load();
    assert.equal(second.cache, 'used');
    assert.equal((second.exports as { answer: () => string }).answer(), 'one');
    assert.equal(second.save(), 'used', 'a cache that was used is not written again');
  });

  it('never runs a cache made for another text, even one of the same length', () => {
    load().save();
    writeFileSync(bundle, text('two')); // same length as 'one'
    const changed = load();
    assert.equal(changed.cache, 'stale');
    assert.equal((changed.exports as { answer: () => string }).answer(), 'two');
    assert.equal(changed.save(), 'rebuilt');
    assert.equal(load().cache, 'used');
  });

  it('ignores a cache from another Node version', () => {
    load().save();
    const raw = readFileSync(cacheFile(), 'latin1');
    writeFileSync(cacheFile(), Buffer.from(raw.replace(process.version, 'v0.0.1'), 'latin1'));
    assert.equal(load().cache, 'stale');
  });

  it('ignores a corrupted or truncated cache and rebuilds it', () => {
    load().save();
    const raw = readFileSync(cacheFile());
    const flipped = Buffer.from(raw);
    flipped[flipped.length - 10] ^= 0xff;
    writeFileSync(cacheFile(), flipped);
    const corrupt = load();
    assert.equal(corrupt.cache, 'corrupt');
    assert.equal((corrupt.exports as { answer: () => string }).answer(), 'one');
    assert.equal(corrupt.save(), 'rebuilt');
    assert.equal(load().cache, 'used');
    writeFileSync(cacheFile(), raw.subarray(0, raw.length - 100));
    assert.equal(load().cache, 'corrupt');
    writeFileSync(cacheFile(), 'not a cache at all');
    assert.equal(load().cache, 'corrupt');
  });

  it('runs without a cache folder, and a folder it cannot write only costs the cache', () => {
    const off = loadWithCodeCache(bundle, undefined, 'exec');
    assert.equal(off.cache, 'off');
    assert.equal(off.save(), 'off');
    writeFileSync(path.join(dir, 'file'), ''); // a file where the folder should be (fails for root too)
    const blocked = loadWithCodeCache(bundle, path.join(dir, 'file', 'cache'), 'exec');
    assert.equal(blocked.cache, 'missing');
    assert.equal((blocked.exports as { answer: () => string }).answer(), 'one');
    assert.equal(blocked.save(), 'off');
  });
});
