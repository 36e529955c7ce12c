// The mention resolver against a real temp workspace: fuzzy ranking, .gitignore, secret files
// refused, path escapes (`..`, absolute, home), symlinks that lead out, huge files capped, binary refused.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findTextMentions, listMentionable, MAX_MENTION_BYTES, MentionError, rankMentions, resolveMention } from '../../../../src/core/context/mentions';
import { fuzzyScore, rankFuzzy } from '../../../../src/core/context/fuzzy';

describe('mentions', () => {
  let root: string;
  let outside: string;
  before(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-mentions-')));
    outside = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-outside-')));
    const files: Record<string, string | Buffer> = {
      'src/app.ts': 'export const app = 1;\n',
      'src/application/config.ts': 'export const config = {};\n',
      'src/util/apply.ts': 'export function apply() {}\n',
      'docs/appendix.md': '# Appendix\n',
      'dist/app.js': 'built\n',
      '.gitignore': 'dist/\n*.log\n',
      'debug.log': 'log\n',
      '.env': 'API_KEY=sk-live-abcdefghijklmnopqrstuvwxyz\n',
      'certs/server.pem': '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
      'image.bin': Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]),
      'big.txt': 'x'.repeat(MAX_MENTION_BYTES + 5000),
      'tricky.txt': 'é'.repeat(10),
      '.tandem/ai-changes.jsonl': '{}\n',
      '.tandem/checkpoints/index.json': '{}\n',
      '.tandem/commands/review.md': 'Review the change\n',
      '.tandem/hooks.json': '{}\n',
    };
    for (const [rel, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await fs.writeFile(path.join(root, rel), content);
    }
    await fs.writeFile(path.join(outside, 'secret.txt'), 'outside the workspace\n');
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'link-out.txt'));
    await fs.symlink(outside, path.join(root, 'linked-dir'));
    await fs.symlink(path.join(root, '.env'), path.join(root, 'innocent.txt'));
    await fs.symlink(path.join(root, 'src/app.ts'), path.join(root, 'app-link.ts'));
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  describe('fuzzy ranking', () => {
    it('ranks an exact file name above scattered matches and folders that merely contain the letters', () => {
      const paths = ['src/application/config.ts', 'src/util/apply.ts', 'docs/appendix.md', 'src/app.ts'];
      assert.equal(rankFuzzy('app.ts', paths, (p) => p)[0], 'src/app.ts');
      assert.equal(rankFuzzy('apply', paths, (p) => p)[0], 'src/util/apply.ts');
      assert.equal(rankFuzzy('sac', paths, (p) => p)[0], 'src/application/config.ts', 'segment starts: s(rc) a(pplication) c(onfig)');
    });
    it('matches case-insensitively and in order only', () => {
      assert.ok(fuzzyScore('APP', 'src/app.ts') !== undefined);
      assert.equal(fuzzyScore('pa', 'ap'), undefined);
      assert.equal(fuzzyScore('xyz', 'src/app.ts'), undefined);
    });
  });

  describe('picker candidates', () => {
    it('respects .gitignore and leaves secret files out', async () => {
      const all = (await listMentionable(root)).map((c) => c.path);
      assert.ok(all.includes('src/app.ts'));
      assert.ok(all.includes('src'), 'folders are offered too');
      assert.ok(!all.some((p) => p.startsWith('dist')), 'ignored folder offered');
      assert.ok(!all.includes('debug.log'), 'ignored file offered');
      assert.ok(!all.includes('.env'), 'secret .env offered');
      assert.ok(!all.includes('certs/server.pem'), 'key file offered');
    });
    it('leaves Tandem\'s own files out (the change log, checkpoints) but offers what the user writes there', async () => {
      const all = (await listMentionable(root)).map((c) => c.path);
      for (const internal of ['.tandem', '.tandem/ai-changes.jsonl', '.tandem/checkpoints', '.tandem/checkpoints/index.json']) assert.ok(!all.includes(internal), `${internal} offered`);
      assert.ok(all.includes('.tandem/commands/review.md') && all.includes('.tandem/hooks.json'));
      assert.deepEqual(rankMentions('ai-changes', await listMentionable(root)), []);
    });
    it('with nothing typed, lists the open files, then top-level folders, then other files', async () => {
      const found = rankMentions('', await listMentionable(root), 30, ['src/util/apply.ts', 'docs/appendix.md']).map((c) => `${c.kind}:${c.path}`);
      assert.deepEqual(found.slice(0, 2), ['file:src/util/apply.ts', 'file:docs/appendix.md']);
      const firstFolder = found.findIndex((f) => f.startsWith('folder:'));
      const firstOther = found.findIndex((f, i) => i >= 2 && f.startsWith('file:'));
      assert.ok(firstFolder === 2 && firstOther > firstFolder, found.join(' '));
      assert.ok(found.includes('folder:src') && found.includes('folder:docs'));
    });
    it('ranks an open file above an equally good match that is not open', async () => {
      const all = await listMentionable(root);
      assert.equal(rankMentions('app', all)[0].path, 'src/app.ts');
      assert.equal(rankMentions('app', all, 30, ['docs/appendix.md'])[0].path, 'docs/appendix.md');
    });
    it('ranks candidates by the typed query', async () => {
      const found = rankMentions('app.ts', await listMentionable(root));
      assert.equal(found[0].path, 'src/app.ts');
      assert.equal(found[0].kind, 'file');
    });
  });

  describe('resolution', () => {
    it('attaches a workspace file with its path', async () => {
      const a = await resolveMention(root, 'src/app.ts');
      assert.equal(a.kind, 'file');
      assert.equal(a.source, 'src/app.ts');
      assert.equal(a.text, 'export const app = 1;\n');
    });
    it('attaches a folder as its listing', async () => {
      const a = await resolveMention(root, '@src');
      assert.equal(a.kind, 'folder');
      assert.match(a.text, /^src\/app\.ts$/m);
    });
    const refused: Array<[string, RegExp]> = [
      ['../x', /outside the workspace/],
      ['src/../../x', /outside the workspace/],
      ['/etc/passwd', /outside the workspace/],
      ['~/.ssh/id_rsa', /outside the workspace/],
      ['C:/Windows/win.ini', /outside the workspace/],
      ['..\\..\\etc\\passwd', /outside the workspace/],
      ['link-out.txt', /outside the workspace/],
      ['linked-dir/secret.txt', /outside the workspace/],
      ['.env', /environment file.*never attached/],
      ['./certs/../.env', /environment file/],
      ['certs/server.pem', /key or certificate/],
      ['innocent.txt', /environment file/],
      ['image.bin', /binary file/],
      ['missing.ts', /does not exist/],
    ];
    for (const [given, why] of refused) {
      it(`refuses @${given}`, async () => {
        await assert.rejects(resolveMention(root, given), (err: Error) => err instanceof MentionError && why.test(err.message));
      });
    }
    it('follows a symlink that stays inside the workspace', async () => {
      const a = await resolveMention(root, 'app-link.ts');
      assert.equal(a.source, 'src/app.ts');
    });
    it('caps a huge file and says so', async () => {
      const a = await resolveMention(root, 'big.txt');
      assert.equal(a.text.length, MAX_MENTION_BYTES);
      assert.match(a.note ?? '', new RegExp(`first ${MAX_MENTION_BYTES} of ${MAX_MENTION_BYTES + 5000} bytes`));
    });
    it('does not leave half a character where a cap cuts a multi-byte one', async () => {
      const a = await resolveMention(root, 'tricky.txt', 5);
      assert.equal(a.text, 'éé');
    });
  });

  describe('plain-text mentions', () => {
    it('finds @paths in the sent text but not e-mail addresses or special names', () => {
      assert.deepEqual(findTextMentions('look at @src/app.ts and (@docs/appendix.md), mail me@example.com about @git'), ['src/app.ts', 'docs/appendix.md']);
      assert.deepEqual(findTextMentions('@../secret and @/etc/passwd.'), ['../secret', '/etc/passwd']);
    });
  });
});
