// Prompt files as custom commands, on real temp folders: where they are found, front matter, which
// one wins, what is refused (symlinks out of the workspace, bad names, broken front matter, huge
// files), and how `/name args` becomes the prompt ($ARGUMENTS, $1…, quotes, appended args, @file).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseFrontMatter } from '../../../../src/core/commands/frontMatter';
import { loadCommands, MAX_PROMPT_FILE_BYTES, type PromptCommand } from '../../../../src/core/commands/promptFiles';
import { expandCommand, findInvocation, splitArgs } from '../../../../src/core/commands/expand';
import { attachTextMentions, prepareInput, restrictTools } from '../../../../src/core/commands/prepare';
import { builtinTools } from '../../../../src/core/tools/registry';

async function tree(files: Record<string, string>): Promise<string> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-cmds-')));
  for (const [p, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, p)), { recursive: true });
    await fs.writeFile(path.join(root, p), text);
  }
  return root;
}

const cmd = (body: string, extra: Partial<PromptCommand> = {}): PromptCommand => ({ name: 'x', description: 'd', body, file: '/x.md', scope: 'workspace', ...extra });

describe('prompt files: front matter', () => {
  it('reads key: value, quoted values and both list forms', () => {
    const r = parseFrontMatter('---\ndescription: "Review: the diff"\nmode: agent\ntools: [read_file, \'search\']\nmore:\n  - a\n  - "b"\n---\n\nBody $ARGUMENTS\n');
    assert.ok(!('error' in r));
    assert.deepEqual(r.meta, { description: 'Review: the diff', mode: 'agent', tools: ['read_file', 'search'], more: ['a', 'b'] });
    assert.equal(r.body, 'Body $ARGUMENTS\n');
  });
  it('a file without front matter is all body; an unclosed or malformed block is an error', () => {
    assert.deepEqual(parseFrontMatter('Just text\n'), { meta: {}, body: 'Just text\n' });
    assert.match((parseFrontMatter('---\ndescription: x\nno end') as { error: string }).error, /no closing/);
    assert.match((parseFrontMatter('---\n!!python/object: x\n---\n') as { error: string }).error, /line 2/);
  });
  it('a BOM and CRLF line ends are read', () => {
    const r = parseFrontMatter('\uFEFF---\r\ndescription: hi\r\n---\r\nbody');
    assert.ok(!('error' in r));
    assert.equal(r.meta.description, 'hi');
  });
});

describe('prompt files: loading', () => {
  let root: string;
  let home: string;
  const env = () => ({ XDG_CONFIG_HOME: home });
  beforeEach(async () => {
    root = await tree({
      '.tandem/commands/review.md': '---\ndescription: Review the change\nmode: plan\nmodel: big-model\ntools: [read_file, search]\n---\nReview $ARGUMENTS',
      '.tandem/commands/plain.md': '# Explain things\nExplain $1 then $2.',
      '.github/prompts/fix.prompt.md': '---\ndescription: Fix an issue\nmode: ask\n---\nFix @src/a.ts',
      '.github/prompts/review.prompt.md': '---\ndescription: shadowed\n---\nx',
      '.github/prompts/notaprompt.md': 'ignored: no .prompt.md suffix',
      '.tandem/commands/plan.md': 'built-in name',
      '.tandem/commands/bad name!.md': 'x',
      '.tandem/commands/broken.md': '---\ndescription: x\n',
      'src/a.ts': 'export const a = 1;\n',
    });
    home = await tree({ 'tandem/commands/mine.md': 'Mine: $ARGUMENTS', 'tandem/commands/review.md': 'user review, shadowed by the workspace' });
  });

  it('finds workspace, .github/prompts and user commands with their front matter; the workspace wins', async () => {
    const { commands, notes } = await loadCommands(root, env(), ['plan', 'act', 'compact', 'new', 'init']);
    assert.deepEqual(commands.map((c) => `${c.name}:${c.scope}`), ['fix:workspace', 'mine:user', 'plain:workspace', 'review:workspace']);
    const review = commands.find((c) => c.name === 'review')!;
    assert.equal(review.description, 'Review the change');
    assert.equal(review.mode, 'plan');
    assert.equal(review.model, 'big-model');
    assert.deepEqual(review.tools, ['read_file', 'search']);
    assert.equal(commands.find((c) => c.name === 'fix')!.mode, 'plan', 'VS Code "ask" is read-only: plan');
    assert.equal(commands.find((c) => c.name === 'plain')!.description, 'Explain things', 'no description: the first line');
    assert.ok(notes.some((n) => /review\.prompt\.md is not used/.test(n)));
    assert.ok(notes.some((n) => /\/plan is a built-in command/.test(n)));
    assert.ok(notes.some((n) => /"bad name!" cannot be a command name/.test(n)));
    assert.ok(notes.some((n) => /broken\.md was not loaded: .*no closing/.test(n)));
  });

  it('does not read a workspace command that is a symlink out of the workspace (or a folder linked out)', async () => {
    const secret = await tree({ 'id_rsa': 'PRIVATE KEY' });
    await fs.symlink(path.join(secret, 'id_rsa'), path.join(root, '.tandem/commands/leak.md'));
    await fs.mkdir(path.join(root, '.github'), { recursive: true });
    const outDir = await tree({ 'steal.prompt.md': 'PRIVATE' });
    await fs.rm(path.join(root, '.github/prompts'), { recursive: true });
    await fs.symlink(outDir, path.join(root, '.github/prompts'));
    const { commands, notes } = await loadCommands(root, env());
    assert.ok(!commands.some((c) => c.name === 'leak' || c.name === 'steal'));
    assert.ok(!commands.some((c) => c.body.includes('PRIVATE')));
    assert.ok(notes.some((n) => /leak\.md points outside the workspace/.test(n)));
    assert.ok(notes.some((n) => /steal\.prompt\.md points outside the workspace/.test(n)));
  });

  it('a symlink that stays inside the workspace is read', async () => {
    await fs.symlink(path.join(root, '.tandem/commands/plain.md'), path.join(root, '.tandem/commands/alias.md'));
    const { commands } = await loadCommands(root, env());
    assert.ok(commands.some((c) => c.name === 'alias'));
  });

  it('refuses a file over the size limit and a FIFO, with a note each; the others still load', async () => {
    await fs.writeFile(path.join(root, '.tandem/commands/huge.md'), 'x'.repeat(MAX_PROMPT_FILE_BYTES + 1));
    execFileSync('mkfifo', [path.join(root, '.tandem/commands/fifo.md')]);
    const { commands, notes } = await loadCommands(root, env());
    assert.ok(notes.some((n) => /fifo\.md could not be read/.test(n)), notes.join('\n'));
    assert.ok(!commands.some((c) => c.name === 'huge'));
    assert.ok(notes.some((n) => /huge\.md is larger than/.test(n)));
    assert.ok(commands.some((c) => c.name === 'review'));
  });

  it('without a workspace only the user commands load; no folders at all is no commands and no notes', async () => {
    assert.deepEqual((await loadCommands(undefined, env())).commands.map((c) => c.name), ['mine', 'review']);
    const empty = await tree({});
    assert.deepEqual(await loadCommands(empty, { XDG_CONFIG_HOME: empty }), { commands: [], notes: [] });
  });
});

describe('prompt files: invoking', () => {
  it('substitutes $ARGUMENTS, ${ARGUMENTS}, $1…$9 and ${1}; $$ is a dollar; quotes group words', () => {
    assert.deepEqual(splitArgs(`a "b c" 'd e' f\\"g`), ['a', 'b c', 'd e', 'f\\"g']);
    assert.equal(expandCommand(cmd('All: $ARGUMENTS / ${ARGUMENTS}. First $1, second ${2}, none $3; cost $$5'), 'src/a.ts "the parser"'), 'All: src/a.ts "the parser" / src/a.ts "the parser". First src/a.ts, second the parser, none ; cost $5');
    assert.equal(expandCommand(cmd('$10 is not $1 then 0'), 'x'), '$10 is not x then 0');
  });
  it('appends the arguments when the file has no placeholder, so nothing typed is lost', () => {
    assert.equal(expandCommand(cmd('Write tests.\n'), 'for parser.ts'), 'Write tests.\n\nfor parser.ts');
    assert.equal(expandCommand(cmd('Write tests.'), ''), 'Write tests.');
  });
  it('finds /name (any case) and its args; paths, // and plain text are not commands; unknown is an error', () => {
    const cmds = [cmd('B', { name: 'Review' })];
    assert.deepEqual(findInvocation('/review  the diff ', cmds), { command: cmds[0], args: 'the diff' });
    assert.deepEqual(findInvocation('/REVIEW', cmds), { command: cmds[0], args: '' });
    assert.equal(findInvocation('/src/app.ts is broken', cmds), undefined);
    assert.equal(findInvocation('//review', cmds), undefined);
    assert.equal(findInvocation('review this', cmds), undefined);
    assert.deepEqual(findInvocation('/revew x', cmds), { unknown: 'revew' });
    assert.deepEqual(prepareInput('//review', cmds), { kind: 'text', text: '/review' });
    assert.match((prepareInput('/revew x', cmds) as { message: string }).message, /Unknown command \/revew\. Commands: \/Review\./);
    assert.deepEqual(prepareInput('/review now', cmds), { kind: 'command', text: 'B\n\nnow', command: cmds[0] });
  });
  it('attaches @file references as mentions; secrets, paths outside and missing files are not attached', async () => {
    const root = await tree({ 'src/a.ts': 'export const a = 1;\n', '.env': 'KEY=1\n' });
    const r = await attachTextMentions(root, 'Fix @src/a.ts, not @.env nor @../etc/passwd nor @missing.ts or @decorator', 10_000);
    assert.deepEqual(r.attached, ['src/a.ts']);
    assert.match(r.text, /<attachment kind="file" source="src\/a.ts">\nexport const a = 1;/);
    assert.ok(r.text.endsWith('Fix @src/a.ts, not @.env nor @../etc/passwd nor @missing.ts or @decorator'));
    assert.ok(!r.text.includes('KEY=1'));
    assert.equal(r.notes.length, 2, r.notes.join('\n'));
  });
  it('restricts the tools to the listed ones; unknown names are reported; none known keeps all', () => {
    const all = builtinTools();
    const r = restrictTools(all, ['read_file', 'codebase']);
    assert.deepEqual(r.tools.map((t) => t.name), ['read_file']);
    assert.deepEqual(r.unknown, ['codebase']);
    assert.equal(restrictTools(all, ['codebase']).tools.length, all.length);
    assert.equal(restrictTools(all, undefined).tools.length, all.length);
  });
});
