// File names that are not UTF-8: told apart from valid ones (overlong, surrogate and out-of-range forms
// included), shown with \xNN, found again by their bytes even when two decode alike, and written into
// URIs byte by byte.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isUtf8, percentEncodeBytes, rawPathsOf, shownName } from '../../../../src/core/util/rawNames';

const b = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('file names that are not UTF-8', () => {
  const cases: Array<[name: string, bytes: Buffer, utf8: boolean, shown: string]> = [
    ['plain', b('a.js'), true, 'a.js'],
    ['non-ASCII UTF-8', b('é.js'), true, 'é.js'],
    ['a stray byte', b('a', [0xff], '.js'), false, 'a\\xFF.js'],
    ['Latin-1 é', b('caf', [0xe9], '.py'), false, 'caf\\xE9.py'],
    ['an overlong "/"', b([0xc0, 0xaf], 'x'), false, '\\xC0\\xAFx'],
    ['a UTF-16 surrogate', b([0xed, 0xa0, 0x80]), false, '\\xED\\xA0\\x80'],
    ['past U+10FFFF', b([0xf5, 0x80, 0x80, 0x80]), false, '\\xF5\\x80\\x80\\x80'],
    ['a cut-off sequence', b('x', [0xe2, 0x82]), false, 'x\\xE2\\x82'],
    ['a backslash beside a stray byte', b('a\\', [0xff]), false, 'a\\\\\\xFF'],
    ['a backslash in a valid name', b('a\\b'), true, 'a\\b'],
  ];
  for (const [what, bytes, utf8, shown] of cases) {
    it(`${what}: ${utf8 ? 'valid' : 'not UTF-8'}, shown as ${shown}`, () => {
      assert.equal(isUtf8(bytes), utf8);
      assert.equal(shownName(bytes), shown);
    });
  }

  it('percent-encodes every byte but the unreserved ones (RFC 3986)', () => {
    assert.equal(percentEncodeBytes(b('a b#?%:~._-Z9')), 'a%20b%23%3F%25%3A~._-Z9');
    assert.equal(percentEncodeBytes(b('x', [0xff, 0x5c])), 'x%FF%5C');
    assert.equal(percentEncodeBytes(b('é')), '%C3%A9');
  });

  it('finds each file a lossily decoded path stands for, in folders that are not UTF-8 either', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rawnames-'));
    try {
      const dir = Buffer.concat([Buffer.from(root), b('/d', [0xfe])]);
      mkdirSync(dir);
      for (const name of [[0xff], [0xfe]]) writeFileSync(Buffer.concat([dir, b('/x', name, '.js')]), 'x');
      const decoded = `d\uFFFD/x\uFFFD.js`;
      assert.ok(readdirSync(root).includes('d\uFFFD'), 'Node decodes the name lossily');
      const found = await rawPathsOf(root, decoded);
      assert.deepEqual(found.map((f) => f.shown).sort(), ['d\\xFE/x\\xFE.js', 'd\\xFE/x\\xFF.js']);
      assert.ok(found.every((f) => !isUtf8(f.raw)));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
