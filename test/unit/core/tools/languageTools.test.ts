// The language-server tools over a fake LanguageService on a real temp workspace (symlinks, secret
// files), invoked the way the agent loop invokes them: by name, with the model's raw JSON.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import type { LanguageService, Problem, SourceLocation, SourcePosition, SymbolInfo } from '../../../../src/core/tools/languageService';
import { languageTools } from '../../../../src/core/tools/languageTools';
import { invokeTool, toolSpecs } from '../../../../src/core/tools/registry';
import type { ApprovalDecision, ApprovalRequest } from '../../../../src/core/changes/approval';
import type { ToolContext } from '../../../../src/core/tools/types';

const B_TS = 'export function greet(name: string): string {\n  return `hi ${name}`;\n}\nexport const x = 1;\n';
const A_TS = "import { greet } from './b';\n\nconsole.log(greet('a'));\n";

class FakeService implements LanguageService {
  calls: Array<{ op: string; abs?: string; at?: SourcePosition; query?: string }> = [];
  locs: SourceLocation[] = [];
  symbols: SymbolInfo[] = [];
  hoverTexts: string[] = [];
  problems: Problem[] = [];
  private record(op: string, abs?: string, at?: SourcePosition, query?: string) {
    this.calls.push({ op, ...(abs ? { abs } : {}), ...(at ? { at } : {}), ...(query ? { query } : {}) });
  }
  async definition(abs: string, at: SourcePosition) {
    this.record('definition', abs, at);
    return this.locs;
  }
  async references(abs: string, at: SourcePosition) {
    this.record('references', abs, at);
    return this.locs;
  }
  async documentSymbols(abs: string) {
    this.record('documentSymbols', abs);
    return this.symbols;
  }
  async workspaceSymbols(query: string) {
    this.record('workspaceSymbols', undefined, undefined, query);
    return this.symbols;
  }
  async hover(abs: string, at: SourcePosition) {
    this.record('hover', abs, at);
    return this.hoverTexts;
  }
  async diagnostics(abs: string | undefined) {
    this.record('diagnostics', abs);
    return this.problems;
  }
}

describe('language tools', () => {
  let root: string;
  let outside: string;
  let ls: FakeService;
  let asked: ApprovalRequest[];
  let answer: ApprovalDecision;
  let ctx: ToolContext;
  const call = (name: string, args: unknown) => invokeTool(languageTools(ls), name, JSON.stringify(args), ctx, new AbortController().signal);

  beforeEach(async () => {
    root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'lsp-')));
    outside = await canonicalRoot(mkdtempSync(join(tmpdir(), 'lsp-out-')));
    ls = new FakeService();
    asked = [];
    answer = { approved: true };
    ctx = { workspaceRoot: root, approver: { request: async (r) => (asked.push(r), answer) }, applier: new FileApplier(root), approvalMode: 'suggest', allowedCommands: [], toolCallId: 'c1' };
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.ts'), A_TS);
    writeFileSync(join(root, 'src', 'b.ts'), B_TS);
    writeFileSync(join(root, '.env'), 'TOKEN=s3cr3t-value\n');
    writeFileSync(join(outside, 'lib.d.ts'), 'declare const OUTSIDE_TEXT: number;\n');
    symlinkSync(outside, join(root, 'vendor'));
    symlinkSync(join(root, '.env'), join(root, 'settings.ts'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('exist only when a language service is given (the CLI has none)', () => {
    assert.deepEqual(languageTools(undefined), []);
    const names = toolSpecs(languageTools(ls)).map((s) => s.function.name);
    assert.deepEqual(names, ['go_to_definition', 'find_references', 'document_symbols', 'workspace_symbols', 'hover', 'diagnostics']);
  });

  it('go_to_definition finds the column from the symbol name and answers a workspace-relative location with its lines', async () => {
    ls.locs = [{ absPath: join(root, 'src', 'b.ts'), line: 1, column: 17 }];
    const r = await call('go_to_definition', { path: 'src/a.ts', line: 3, symbol: 'greet' });
    assert.equal(r.isError, undefined, r.output);
    assert.deepEqual(ls.calls, [{ op: 'definition', abs: join(root, 'src', 'a.ts'), at: { line: 3, column: 13 } }]);
    assert.equal(r.output, '1 definition:\nsrc/b.ts:1:17\n  1\texport function greet(name: string): string {\n  2\t  return `hi ${name}`;\n  3\t}');
  });

  it('passes an explicit 1-based column through unchanged', async () => {
    await call('hover', { path: 'src/a.ts', line: 1, column: 10 });
    assert.deepEqual(ls.calls[0].at, { line: 1, column: 10 });
  });

  const badPositions: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a line past the end', { line: 99, symbol: 'greet' }, /has 3 lines; line 99 is past its end/],
    ['a column past the end of the line', { line: 1, column: 500 }, /column 500 is past its end/],
    ['a symbol not on the line', { line: 2, symbol: 'greet' }, /"greet" does not occur on line 2/],
    ['neither column nor symbol', { line: 1 }, /Give the column/],
    ['line 0', { line: 0, column: 1 }, /Invalid arguments/],
  ];
  for (const [what, pos, message] of badPositions) {
    it(`says how to fix a call with ${what}, without asking the server`, async () => {
      const r = await call('find_references', { path: 'src/a.ts', ...pos });
      assert.equal(r.isError, true);
      assert.match(r.output, message);
      assert.deepEqual(ls.calls, []);
    });
  }

  const escapes = ['../x.ts', '/etc/passwd', 'src/../../x.ts', '..\\x.ts', 'vendor/lib.d.ts', `${'x'.repeat(0)}${'/'}tmp/../etc/hosts`];
  for (const tool of ['go_to_definition', 'find_references', 'hover', 'document_symbols', 'diagnostics']) {
    for (const given of escapes) {
      it(`${tool} refuses the path ${given} that leaves the workspace`, async () => {
        const r = await call(tool, { path: given, line: 1, column: 1 });
        assert.equal(r.isError, true, r.output);
        assert.match(r.output, /outside the workspace/);
        assert.deepEqual(ls.calls, []);
      });
    }
  }

  const secrets: Array<[string, string]> = [
    ['.env', '.env'],
    ['src/../.env', '.env'],
    ['./.env', '.env'],
    ['settings.ts', '.env'], // a symlink to .env
    ['config/.Env.Production', 'config/.Env.Production'],
    ['config/id_rsa', 'config/id_rsa'],
  ];
  for (const [given, real] of secrets) {
    it(`asks before querying the secret file ${given} and queries nothing when refused`, async () => {
      mkdirSync(join(root, 'config'), { recursive: true });
      writeFileSync(join(root, 'config', '.Env.Production'), 'A=1\n');
      writeFileSync(join(root, 'config', 'id_rsa'), 'KEY\n');
      answer = { approved: false };
      const r = await call('document_symbols', { path: given });
      assert.equal(r.isError, true);
      assert.equal(r.output, `The user did not allow reading ${real}.`);
      assert.equal(asked[0]?.type, 'read');
      assert.deepEqual(ls.calls, []);
    });
  }

  it('queries a secret file once the user allows it', async () => {
    const r = await call('diagnostics', { path: '.env' });
    assert.equal(asked.length, 1);
    assert.equal(r.isError, undefined, r.output);
    assert.deepEqual(ls.calls, [{ op: 'diagnostics', abs: join(root, '.env') }]);
  });

  it('shows locations outside the workspace (also through a symlink) and in secret files without their text', async () => {
    ls.locs = [
      { absPath: join(outside, 'lib.d.ts'), line: 1, column: 15 },
      { absPath: join(root, 'vendor', 'lib.d.ts'), line: 1, column: 15 },
      { absPath: join(root, '.env'), line: 1, column: 1 },
      { absPath: join(root, 'settings.ts'), line: 1, column: 1 },
    ];
    const r = await call('find_references', { path: 'src/b.ts', line: 4, symbol: 'x' });
    assert.match(r.output, new RegExp(`${outside}/lib\\.d\\.ts:1:15 \\(outside the workspace; text not shown\\)`));
    assert.match(r.output, /vendor\/lib\.d\.ts:1:15 \(outside the workspace; text not shown\)/);
    assert.match(r.output, /^\.env:1:1 \(secret file; text not shown\)$/m);
    assert.doesNotMatch(r.output, /OUTSIDE_TEXT|s3cr3t/);
  });

  it('caps the answer at 50 locations and says how many were left out', async () => {
    ls.locs = Array.from({ length: 60 }, (_, i) => ({ absPath: join(root, 'src', 'b.ts'), line: 1, column: i + 1 }));
    const r = await call('find_references', { path: 'src/b.ts', line: 1, symbol: 'greet' });
    assert.match(r.output, /^60 references:/);
    assert.equal(r.output.match(/^src\/b\.ts:/gm)?.length, 50);
    assert.match(r.output, /\[10 more not shown\]$/);
  });

  it('says when nothing was found', async () => {
    assert.equal((await call('go_to_definition', { path: 'src/a.ts', line: 1, symbol: 'greet' })).output, 'No definition found: the language server knows none here, or no language extension handles this kind of file.');
  });

  it('document_symbols lists the outline, nested and in file order', async () => {
    const at = (line: number, column: number) => ({ absPath: join(root, 'src', 'b.ts'), line, column });
    ls.symbols = [
      { name: 'x', kind: 'constant', location: at(4, 14) },
      { name: 'greet', kind: 'function', location: at(1, 17), children: [{ name: 'name', kind: 'variable', location: at(1, 23) }] },
    ];
    const r = await call('document_symbols', { path: 'src/b.ts' });
    assert.equal(r.output, 'Symbols in src/b.ts:\nfunction greet 1:17\n  variable name 1:23\nconstant x 4:14');
  });

  it('workspace_symbols leaves out symbols of secret files and marks those outside the workspace', async () => {
    ls.symbols = [
      { name: 'greet', kind: 'function', location: { absPath: join(root, 'src', 'b.ts'), line: 1, column: 17 } },
      { name: 'TOKEN', kind: 'variable', location: { absPath: join(root, '.env'), line: 1, column: 1 } },
      { name: 'OUTSIDE_TEXT', kind: 'constant', location: { absPath: join(outside, 'lib.d.ts'), line: 1, column: 15 } },
    ];
    const r = await call('workspace_symbols', { query: 'e' });
    assert.deepEqual(ls.calls, [{ op: 'workspaceSymbols', query: 'e' }]);
    assert.match(r.output, /^function greet — src\/b\.ts:1:17$/m);
    assert.match(r.output, /constant OUTSIDE_TEXT — .*lib\.d\.ts \(outside the workspace\):1:15/);
    assert.doesNotMatch(r.output, /TOKEN/);
  });

  it('hover answers the server text at the position', async () => {
    ls.hoverTexts = ['```ts\nfunction greet(name: string): string\n```', ''];
    const r = await call('hover', { path: 'src/a.ts', line: 3, symbol: 'greet' });
    assert.equal(r.output, 'src/a.ts:3:13\n```ts\nfunction greet(name: string): string\n```');
  });

  it('diagnostics lists errors first and leaves out files outside the workspace and secret ones', async () => {
    ls.problems = [
      { absPath: join(root, 'src', 'a.ts'), line: 1, column: 1, severity: 'warning', message: 'unused', source: 'ts', code: '6133' },
      { absPath: join(root, 'src', 'b.ts'), line: 2, column: 3, severity: 'error', message: "Type 'number' is not assignable to type 'string'.", source: 'ts', code: '2322' },
      { absPath: join(outside, 'lib.d.ts'), line: 1, column: 1, severity: 'error', message: 'OUTSIDE_TEXT' },
      { absPath: join(root, '.env'), line: 1, column: 1, severity: 'error', message: 's3cr3t-value is bad' },
    ];
    const r = await call('diagnostics', {});
    assert.deepEqual(ls.calls, [{ op: 'diagnostics' }]);
    assert.equal(r.output, "2 problems:\nsrc/b.ts:2:3 error [ts 2322] Type 'number' is not assignable to type 'string'.\nsrc/a.ts:1:1 warning [ts 6133] unused");
  });
});
