// The text side of the .gitignore offer: which lines already ignore `.tandem/`, and what is appended so
// the file keeps its line endings, ends with a newline and never gets the entry twice.
import { strict as assert } from 'node:assert';
import { lineEndingOf, listsTandemFolder, tandemEntryAppendix } from '../../../../src/core/gitignore/entry';

describe('gitignore entry', () => {
  const listed: string[] = ['.tandem', '.tandem/', '/.tandem', '/.tandem/', '.tandem/**', '/.tandem/**', '.tandem/*', '**/.tandem', '**/.tandem/', '**/.tandem/**', '.tandem/   ', '\uFEFF.tandem/'];
  for (const line of listed) {
    it(`counts ${JSON.stringify(line)} as listing .tandem/`, () => {
      assert.equal(listsTandemFolder(`node_modules/\n${line}\ndist/\n`), true);
      assert.equal(listsTandemFolder(`node_modules/\r\n${line}\r\n`), true, 'CRLF');
      assert.equal(listsTandemFolder(line), true, 'last line without a newline');
    });
  }

  const notListed: string[] = ['# .tandem/', '!.tandem/', '.tandem-old/', 'foo/.tandem/', '.tandemignore', '.tandem/ai-changes.jsonl', ' .tandem/', '.tandem\\ ', '*.tandem', 'tandem/'];
  for (const line of notListed) {
    it(`does not count ${JSON.stringify(line)}`, () => {
      assert.equal(listsTandemFolder(`node_modules/\n${line}\n`), false);
    });
  }

  it('keeps LF, CRLF, and picks the majority of mixed line endings', () => {
    assert.equal(lineEndingOf('a\nb\n'), '\n');
    assert.equal(lineEndingOf('a\r\nb\r\n'), '\r\n');
    assert.equal(lineEndingOf('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(lineEndingOf('a\nb\nc\r\n'), '\n');
    assert.equal(lineEndingOf('single line'), '\n');
  });

  const appendices: Array<[string, string | undefined, string]> = [
    ['a missing file', undefined, '.tandem/\n'],
    ['an empty file', '', '.tandem/\n'],
    ['a file holding only a BOM', '\uFEFF', '.tandem/\n'],
    ['an LF file', 'node_modules/\n', '.tandem/\n'],
    ['an LF file without a final newline', 'node_modules/\ndist', '\n.tandem/\n'],
    ['a CRLF file', 'node_modules/\r\ndist/\r\n', '.tandem/\r\n'],
    ['a CRLF file without a final newline', 'node_modules/\r\ndist/', '\r\n.tandem/\r\n'],
    ['a file listing /.tandem', 'node_modules/\n/.tandem\n', ''],
    ['a file listing .tandem/** without a final newline', 'x\r\n.tandem/**', ''],
    ['a file where .tandem/ is only commented out', '# .tandem/\n', '.tandem/\n'],
  ];
  for (const [name, existing, appendix] of appendices) {
    it(`appends ${JSON.stringify(appendix)} to ${name}`, () => {
      assert.equal(tandemEntryAppendix(existing), appendix);
      if (existing !== undefined && appendix) assert.equal(listsTandemFolder(existing + appendix), true, 'the result lists it');
    });
  }
});
