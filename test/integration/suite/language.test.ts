// The agent's language-server tools in a real VS Code, answered by its built-in TypeScript extension
// from the small project in the sample workspace (ts/: invoice.ts imports money.ts), driven through
// the panel with the scripted model: definitions, references and the outline come back to the model,
// and an edit that breaks a type gets the new error appended to its result.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, stateWhere, tandem, until } from './helpers';

const root = () => vscode.workspace.workspaceFolders![0].uri;

describe('language tools', () => {
  let server: ModelServer;
  before(async function () {
    this.timeout(120_000);
    server = await ModelServer.start();
    // The TypeScript server starts on the first TS document, answering from syntax alone (within the
    // file) until the project is loaded: wait (bounded) until a definition leads into the other file.
    const invoice = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'ts', 'invoice.ts'));
    await until(async () => {
      const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', invoice.uri, new vscode.Position(3, 23));
      return (found ?? []).some((l) => ('targetUri' in l ? l.targetUri : l.uri).path.endsWith('/money.ts'));
    }, 'the TypeScript project to load', 110_000);
  });
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest', 'tandem.agent.diagnosticsWaitMs': undefined });
    await (await tandem()).chat.handle({ type: 'newTask' });
  });

  /** Runs one scripted tool call through the panel and returns what the tool answered the model. */
  async function toolResult(name: string, args: Record<string, unknown>): Promise<string> {
    const api = await tandem();
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: `c_${name}`, name, arguments: args }]), chatStream('Done.'));
    await api.chat.run(`Use ${name}`);
    const second = server.requestsTo('/v1/chat/completions')[1];
    assert.ok(second, 'the model was called again with the tool result');
    const tools: string[] = server.requestsTo('/v1/chat/completions')[0].body.tools.map((t: { function: { name: string } }) => t.function.name);
    assert.ok(tools.includes(name), `${name} is offered to the model (offered: ${tools.join(', ')})`);
    return second.body.messages.find((m: { role: string }) => m.role === 'tool').content as string;
  }

  it('answers go_to_definition from the other file of a real TypeScript project', async () => {
    const out = await toolResult('go_to_definition', { path: 'ts/invoice.ts', line: 4, symbol: 'formatMoney' });
    assert.match(out, /^1 definition:\nts\/money\.ts:6:17\n {2}6\texport function formatMoney\(m: Money\): string \{\n {2}7\t {2}return/);
  });

  it('answers find_references across both files', async () => {
    const out = await toolResult('find_references', { path: 'ts/money.ts', line: 1, symbol: 'Money' });
    for (const where of [/^ts\/money\.ts:1:18$/m, /^ts\/money\.ts:6:32$/m, /^ts\/invoice\.ts:1:23$/m, /^ts\/invoice\.ts:3:51$/m, /^ts\/invoice\.ts:7:21$/m]) assert.match(out, where);
  });

  it('answers document_symbols with the outline of a file', async () => {
    const out = await toolResult('document_symbols', { path: 'ts/money.ts' });
    assert.match(out, /^Symbols in ts\/money\.ts:\ninterface Money 1:18\n {2}property amount 2:3\n {2}property currency 3:3\nfunction formatMoney 6:17$/);
  });

  it('answers hover with the type of a symbol', async () => {
    const out = await toolResult('hover', { path: 'ts/invoice.ts', line: 4, symbol: 'formatMoney' });
    assert.match(out, /^ts\/invoice\.ts:4:23\n```typescript\n\(alias\) formatMoney\(m: Money\): string\n/);
  });

  it('answers workspace_symbols with where a symbol is declared', async () => {
    const out = await toolResult('workspace_symbols', { query: 'formatMoney' });
    assert.match(out, /^1 symbol matches "formatMoney":\nfunction formatMoney\(\) — ts\/money\.ts:6:1$/);
  });

  it('answers diagnostics for a file that has no editor tab (it is opened so TypeScript checks it)', async () => {
    const file = vscode.Uri.joinPath(root(), 'ts', 'broken.ts');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode("import { Money } from './money';\nexport const m: Money = { amount: 1 };\n"));
    try {
      const out = await toolResult('diagnostics', { path: 'ts/broken.ts' });
      assert.match(out, /^1 problem:\nts\/broken\.ts:2:14 error \[ts 2741\] Property 'currency' is missing/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(file);
    }
  });

  it('reports the type error an approved edit introduces back to the model', async () => {
    const api = await tandem();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'ts', 'invoice.ts'));
    const original = doc.getText();
    server.enqueue(
      '/v1/chat/completions',
      chatToolCallStream([{ id: 'c_edit', name: 'edit_file', arguments: { path: 'ts/invoice.ts', old_string: 'amount: 12.5', new_string: "amount: '12.5'" } }]),
      chatStream('I will fix it.'),
    );
    const done = api.chat.run('Make the amount a string');
    const s = await stateWhere((x) => x.changes.length === 1, 'a pending change');
    await api.chat.handle({ type: 'approve', changeId: s.changes[0].id });
    await done;
    const result = server.requestsTo('/v1/chat/completions')[1].body.messages.find((m: { role: string }) => m.role === 'tool').content as string;
    try {
      assert.match(result, /^Applied: ts\/invoice\.ts updated/);
      assert.match(result, /The language server reports new errors after this edit; fix them:\nts\/invoice\.ts:7:\d+ error \[ts 2322\] Type 'string' is not assignable to type 'number'\./);
    } finally {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await vscode.workspace.applyEdit(edit);
      await doc.save();
    }
  });

  it('reports no errors after an edit when tandem.agent.diagnosticsWaitMs is 0', async () => {
    await setSettings({ 'tandem.agent.diagnosticsWaitMs': 0, 'tandem.agent.approval': 'auto-edit' });
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'ts', 'invoice.ts'));
    const original = doc.getText();
    try {
      const out = await toolResult('edit_file', { path: 'ts/invoice.ts', old_string: 'amount: 12.5', new_string: "amount: '12.5'" });
      assert.equal(out, 'Applied: ts/invoice.ts updated (+1 -1).');
    } finally {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await vscode.workspace.applyEdit(edit);
      await doc.save();
    }
  });
});
