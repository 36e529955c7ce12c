// Secret files stay out of completion prompts; key-like strings are redacted from what is sent.
import { strict as assert } from 'node:assert';
import { lineSourceOf } from '../../../../src/core/completion/windows';
import { CompletionEngine } from '../../../../src/core/completion/engine';
import type { CompletionConfig, CompletionDocument, RelatedFile } from '../../../../src/core/completion/types';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { PathRules } from '../../../../src/core/policy/pathRules';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { builtinTools, invokeTool } from '../../../../src/core/tools/registry';
import type { ApprovalRequest } from '../../../../src/core/changes/approval';
import { ModelServer } from '../../../fixtures/modelServer';
import { completionStream } from '../../../fixtures/replies';

describe('secret files', () => {
  const s = new PathRules('private/\n*.secret.json\n');
  const table: Array<[string, boolean]> = [
    ['.env', true], ['config/.env.production', true], ['.ENV.local', true], ['certs/server.pem', true], ['keys/api.key', true],
    ['home/id_rsa', true], ['.npmrc', true], ['private/notes.md', true], ['conf/db.secret.json', true],
    ['src/env.ts', false], ['src/keyboard.ts', false], ['README.md', false], ['src/private.ts', false],
  ];
  for (const [p, secret] of table) it(`${secret ? 'keeps out' : 'allows'} ${p}`, () => assert.equal(s.isSecret(p), secret));

  it('makes read_file ask before reading a path listed in .tandemignore', async () => {
    const root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'tandemignore-')));
    try {
      writeFileSync(join(root, '.tandemignore'), 'customers/\n');
      mkdirSync(join(root, 'customers'));
      writeFileSync(join(root, 'customers', 'list.csv'), 'alice,bob\n');
      const asked: ApprovalRequest[] = [];
      const ctx = { workspaceRoot: root, approver: { request: async (r: ApprovalRequest) => (asked.push(r), { approved: false as const }) }, applier: new FileApplier(root), approvalMode: 'full-auto' as const, allowedCommands: [], toolCallId: 't' };
      const r = await invokeTool(builtinTools(), 'read_file', JSON.stringify({ path: 'customers/list.csv' }), ctx, new AbortController().signal);
      assert.equal(asked[0]?.type, 'read');
      assert.doesNotMatch(r.output, /alice/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('in completion', () => {
    let server: ModelServer;
    let engine: CompletionEngine;
    beforeEach(async () => {
      server = await ModelServer.start();
      const config: CompletionConfig = { enabled: true, baseUrl: server.url, model: 'test-model', api: 'completions', debounceMs: 0, maxTokens: 32, disabledLanguages: [], timeoutMs: 5000 };
      const related: RelatedFile[] = [
        { uri: 'file:///w/.env', relativePath: '.env', languageId: 'dotenv', version: 1, getText: () => 'DATABASE_URL=postgres://admin:hunter2@db/total\nTOTAL_LIMIT=5' },
        { uri: 'file:///w/src/util.ts', relativePath: 'src/util.ts', languageId: 'typescript', version: 1, getText: () => 'export function total(values: number[]) { return values.length; }' },
      ];
      engine = new CompletionEngine({ config: () => config, related: { files: () => related }, secrets: () => s });
    });
    afterEach(async () => {
      engine.dispose();
      await server.close();
    });
    const doc = (relativePath: string, text: string): CompletionDocument => {
      const src = lineSourceOf(text);
      return { uri: `file:///w/${relativePath}`, relativePath, languageId: 'typescript', version: 1, lineCount: src.lineCount, lineAt: src.lineAt };
    };

    it('asks nothing inside a secret file', async () => {
      assert.equal(await engine.provide({ document: doc('.env.local', 'API_KEY='), position: { line: 0, character: 8 }, signal: new AbortController().signal }), undefined);
      assert.equal(server.requests.length, 0);
    });

    it('leaves secret files out of the snippets and redacts keys from the prompt', async () => {
      server.enqueue('/v1/completions', completionStream('values.reduce((a, b) => a + b, 0);'));
      const text = 'const key = "sk-proj-abcdefghijklmnopqrstuvwx12";\nexport function total(values: number[]) {\n  return \n}\n';
      await engine.provide({ document: doc('src/total.ts', text), position: { line: 2, character: 9 }, signal: new AbortController().signal });
      const prompt: string = server.requests[0].body.prompt;
      assert.match(prompt, /Path: src\/util\.ts/, 'ordinary related files are used');
      assert.doesNotMatch(prompt, /hunter2|DATABASE_URL/, 'the .env file is not');
      assert.doesNotMatch(prompt, /sk-proj/);
      assert.match(prompt, /\[REDACTED API KEY\]/);
    });
  });
});
