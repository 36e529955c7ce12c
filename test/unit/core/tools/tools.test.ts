// The built-in tools on a real temp workspace with real child processes, invoked the way the agent
// loop invokes them (by name, with the model's raw JSON).
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { builtinTools, invokeTool, toolSpecs } from '../../../../src/core/tools/registry';
import { detectRipgrep, ripgrepUnderAppRoot } from '../../../../src/core/tools/ripgrep';
import { createSearchTool, findRipgrep } from '../../../../src/core/tools/search';
import type { ApprovalDecision, ApprovalRequest } from '../../../../src/core/changes/approval';
import type { ToolContext } from '../../../../src/core/tools/types';
import { exitsWithin } from '../../../fixtures/processes';


describe('built-in tools', () => {
  let root: string;
  let asked: ApprovalRequest[];
  let answer: (r: ApprovalRequest) => ApprovalDecision | Promise<ApprovalDecision>;
  let ctx: ToolContext;
  const tools = builtinTools();
  const call = (name: string, args: unknown, signal = new AbortController().signal) =>
    invokeTool(tools, name, typeof args === 'string' ? args : JSON.stringify(args), ctx, signal);
  const read = (p: string) => readFileSync(join(root, p), 'utf8');

  beforeEach(async () => {
    root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'tools-')));
    asked = [];
    answer = () => ({ approved: true });
    ctx = {
      workspaceRoot: root,
      approver: { request: async (r) => (asked.push(r), answer(r)) },
      applier: new FileApplier(root),
      approvalMode: 'full-auto',
      allowedCommands: ['npm test'],
      toolCallId: 'call_1',
    };
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.ts'), 'const a = 1;\nconst b = 2;\nconst a2 = 1;\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('read_file', () => {
    it('numbers lines and reads a range', async () => {
      assert.equal((await call('read_file', { path: 'src/a.ts', start_line: 2, end_line: 2 })).output, '2\tconst b = 2;');
    });
    it('caps a huge file and says how to read on', async () => {
      writeFileSync(join(root, 'big.txt'), Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n'));
      const r = await call('read_file', { path: 'big.txt' });
      assert.match(r.output, /\[lines 1-2000 of 5000; read on with start_line 2001\]/);
    });
    it('refuses a binary file', async () => {
      writeFileSync(join(root, 'img.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
      const r = await call('read_file', { path: 'img.png' });
      assert.equal(r.isError, true);
      assert.match(r.output, /binary/);
    });
    it('asks before reading a file that may hold secrets', async () => {
      writeFileSync(join(root, '.env'), 'TOKEN=abc');
      answer = () => ({ approved: false });
      const r = await call('read_file', { path: '.env' });
      assert.equal(asked[0].type, 'read');
      assert.equal(r.isError, true);
      assert.doesNotMatch(r.output, /abc/);
    });
    it('says what to do about a missing file', async () => {
      assert.match((await call('read_file', { path: 'nope.ts' })).output, /does not exist.*list_dir/);
    });
  });

  describe('edit_file', () => {
    it('replaces one exact match', async () => {
      const r = await call('edit_file', { path: 'src/a.ts', old_string: 'const b = 2;', new_string: 'const b = 3;' });
      assert.equal(r.isError ?? false, false, r.output);
      assert.equal(read('src/a.ts'), 'const a = 1;\nconst b = 3;\nconst a2 = 1;\n');
    });
    it('refuses an ambiguous match and says how to fix it', async () => {
      const r = await call('edit_file', { path: 'src/a.ts', old_string: '= 1;', new_string: '= 9;' });
      assert.match(r.output, /occurs 2 times.*replace_all/);
      assert.equal(read('src/a.ts'), 'const a = 1;\nconst b = 2;\nconst a2 = 1;\n');
    });
    it('replaces all matches when asked', async () => {
      await call('edit_file', { path: 'src/a.ts', old_string: '= 1;', new_string: '= 9;', replace_all: true });
      assert.equal(read('src/a.ts'), 'const a = 9;\nconst b = 2;\nconst a2 = 9;\n');
    });
    it('says when the text is not found', async () => {
      assert.match((await call('edit_file', { path: 'src/a.ts', old_string: 'nope', new_string: 'x' })).output, /not found/);
    });
    it('keeps CRLF line endings and the BOM', async () => {
      writeFileSync(join(root, 'w.txt'), '\ufeffone\r\ntwo\r\n');
      await call('edit_file', { path: 'w.txt', old_string: 'one\ntwo', new_string: 'one\n2' });
      assert.equal(read('w.txt'), '\ufeffone\r\n2\r\n');
    });
  });

  describe('approval of edits', () => {
    it('asks for a new file in a protected folder even in full-auto, whatever the case', async () => {
      answer = () => ({ approved: false, reason: 'not there' });
      const r = await call('write_file', { path: '.VSCode/settings.json', content: '{}' });
      assert.equal(asked.length, 1);
      assert.equal(asked[0].type, 'edit');
      assert.match(r.output, /rejected.*not there/);
      assert.equal(existsSync(join(root, '.VSCode')), false);
    });
    it('asks for every edit in suggest mode and writes only after approval', async () => {
      ctx.approvalMode = 'suggest';
      const r = await call('write_file', { path: 'src/new.ts', content: 'export {};\n' });
      assert.equal(asked.length, 1);
      const req = asked[0];
      assert.ok(req.type === 'edit' && req.changes[0].diff.includes('+export {};'));
      assert.equal(r.isError ?? false, false);
      assert.equal(read('src/new.ts'), 'export {};\n');
    });
    it('refuses an approved change when the file changed meanwhile, and tells the model to re-read', async () => {
      ctx.approvalMode = 'suggest';
      answer = () => {
        writeFileSync(join(root, 'src', 'a.ts'), 'edited by the user\n');
        return { approved: true };
      };
      const r = await call('edit_file', { path: 'src/a.ts', old_string: 'const b = 2;', new_string: 'const b = 3;' });
      assert.equal(r.isError, true);
      assert.match(r.output, /changed after this edit was proposed.*Read the file again/);
      assert.equal(read('src/a.ts'), 'edited by the user\n');
    });
    it('takes a 10 MB argument', async () => {
      const content = 'x'.repeat(10 * 1024 * 1024);
      const r = await call('write_file', { path: 'big.txt', content });
      assert.equal(r.isError ?? false, false, r.output);
      assert.equal(statSync(join(root, 'big.txt')).size, content.length);
    });
  });

  describe('bad calls', () => {
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['an unknown tool', 'delete_everything', {}, /no tool named "delete_everything".*read_file/],
      ['unparsable JSON', 'read_file', '{"path": ', /not valid JSON/],
      ['a missing argument', 'read_file', {}, /Invalid arguments for read_file: path/],
      ['a wrong type', 'read_file', { path: 3 }, /Invalid arguments for read_file: path/],
      ['a path outside the workspace', 'write_file', { path: '../x', content: '' }, /outside the workspace/],
    ];
    for (const [what, name, args, re] of cases) {
      it(`returns an error result for ${what}`, async () => {
        const r = await call(name, args);
        assert.equal(r.isError, true);
        assert.match(r.output, re);
      });
    }
    it('describes every tool with a JSON Schema object, the same bytes each time', () => {
      const a = JSON.stringify(toolSpecs(tools));
      assert.equal(a, JSON.stringify(toolSpecs(builtinTools())));
      for (const s of toolSpecs(tools)) assert.equal(s.function.parameters.type, 'object');
    });
  });

  describe('run_command', () => {
    it('reports exit code and output; only allowlisted and requested variables reach the command', async () => {
      ctx.env = { ...process.env, OPENAI_API_KEY: 'sk-live-123', GITHUB_TOKEN: 'ghp_x', VISIBLE: 'yes', OTHER: 'no' };
      ctx.commandEnv = ['VISIBLE', 'SET_HERE=given'];
      const r = await call('run_command', { command: 'echo "[$OPENAI_API_KEY][$GITHUB_TOKEN][$VISIBLE][$OTHER][$SET_HERE]"; exit 3' });
      assert.equal(r.isError, true);
      assert.match(r.output, /exit code 3/);
      assert.match(r.output, /\[\]\[\]\[yes\]\[\]\[given\]/);
    });
    it('kills the whole process tree on timeout', async () => {
      const r = await call('run_command', { command: 'sleep 30 & echo $! > child.pid; wait', timeout_ms: 500 });
      assert.match(r.output, /timed out/);
      const pid = Number(read('child.pid'));
      assert.ok(pid > 0);
      assert.equal(await exitsWithin(pid), true, 'the grandchild is gone');
    });
    it('stops at once when cancelled', async () => {
      const ac = new AbortController();
      ctx.onOutput = (chunk) => chunk.includes('started') && ac.abort();
      const r = await call('run_command', { command: 'echo started; sleep 30', timeout_ms: 60_000 }, ac.signal);
      assert.equal(r.meta?.cancelled, true);
    });
    it('refuses forbidden commands without asking, asks for others in auto-edit, runs allowed ones', async () => {
      ctx.approvalMode = 'auto-edit';
      assert.match((await call('run_command', { command: 'sudo rm -rf /' })).output, /Refused/);
      answer = () => ({ approved: false });
      assert.match((await call('run_command', { command: 'npm install x' })).output, /did not allow/);
      assert.equal(asked.length, 1);
      assert.equal(asked[0].type === 'command' && asked[0].command, 'npm install x');
      assert.match((await call('run_command', { command: 'echo fine' })).output, /exit code 0/);
      assert.equal(asked.length, 1, 'a read-only command did not ask');
    });
    it('runs the command as the user edited it, judged again: a forbidden edit never runs', async () => {
      ctx.approvalMode = 'suggest';
      answer = () => ({ approved: true, command: 'echo edited > edited.txt' });
      const r = await call('run_command', { command: 'npm install left-pad' });
      assert.match(r.output, /edited the command/);
      assert.match(r.output, /\$ echo edited > edited\.txt/);
      assert.equal(read('edited.txt'), 'edited\n');
      // Forbidden (another user's rights) yet harmless should the check ever break.
      answer = () => ({ approved: true, command: 'sudo -n true' });
      const refused = await call('run_command', { command: 'npm install left-pad' });
      assert.equal(refused.isError, true);
      assert.match(refused.output, /edited the command to "sudo -n true", which was refused/);
      answer = () => ({ approved: true, command: '   ' });
      assert.match((await call('run_command', { command: 'npm install left-pad' })).output, /refused: the edited command is empty/);
    });
  });

  describe('finding things', () => {
    beforeEach(() => {
      writeFileSync(join(root, '.gitignore'), 'dist/\n*.log\n');
      mkdirSync(join(root, 'dist'));
      writeFileSync(join(root, 'dist', 'out.ts'), 'needle in build output');
      writeFileSync(join(root, 'debug.log'), 'needle in a log');
      writeFileSync(join(root, 'src', 'b.ts'), 'export const needle = 1;\n');
    });
    it('find_files matches globs and respects .gitignore', async () => {
      assert.equal((await call('find_files', { pattern: '**/*.ts' })).output, 'src/a.ts\nsrc/b.ts');
      assert.equal((await call('find_files', { pattern: '*.ts' })).output, 'src/a.ts\nsrc/b.ts');
    });
    it('list_dir shows a tree without ignored entries', async () => {
      assert.equal((await call('list_dir', {})).output, '.gitignore\nsrc/\n  a.ts\n  b.ts');
    });
    // ripgrep from PATH, else the one code-server ships (scripts/install-code-server.sh): the walk runs everywhere.
    const rgBinary = findRipgrep() ?? detectRipgrep(ripgrepUnderAppRoot(join(__dirname, '../../../../.vscode-test/code-server/node_modules/code-server/lib/vscode')));
    const engines: Array<[string, () => string | null]> = [['the JavaScript walk', () => null]];
    if (rgBinary) engines.push(['ripgrep', () => rgBinary]);
    for (const [name, rg] of engines) {
      it(`search with ${name} finds matches and skips ignored files`, async () => {
        const search = createSearchTool({ ripgrep: rg });
        const r = await search.invoke({ query: 'needle' }, ctx, new AbortController().signal);
        assert.equal(r.output, 'src/b.ts:1: export const needle = 1;');
        const re = await search.invoke({ query: 'const \\w+ = [12];', is_regex: true, path: 'src' }, ctx, new AbortController().signal);
        assert.equal(re.output.split('\n').sort().join('\n'), 'src/a.ts:1: const a = 1;\nsrc/a.ts:2: const b = 2;\nsrc/a.ts:3: const a2 = 1;\nsrc/b.ts:1: export const needle = 1;');
      });
    }
  });
});
