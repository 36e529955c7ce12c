// Autocomplete that knows the codebase and keeps up with typing, in a real VS Code against the
// scripted model server in the extension host: a closed file's signature found by the language
// server reaches the FIM prompt, typing into a streaming completion sends no second request, and a
// completion extends the item selected in the suggest widget.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ModelServer, type Reply } from '../../fixtures/modelServer';
import { completionStream } from '../../fixtures/replies';
import { nextEvent, openFile, setSettings, setTextWithCursor, tandem, until } from './helpers';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

describe('completion context and streaming', () => {
  let server: ModelServer;

  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    await server.close();
  });
  // The tests type into src/math.js: revert and close it once they are done, or autosave would write
  // it to disk while a later suite reads the file. (Not between these tests: closing the editor while
  // a completion still streams into it left the next test without a request.)
  after(async () => {
    // Bounded: an editor that will not close must not hang the suite.
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  beforeEach(async () => {
    server.reset();
    await setSettings({
      'tandem.baseUrl': server.url,
      'tandem.completion.baseUrl': '',
      'tandem.completion.model': 'test-model',
      'tandem.completion.api': 'completions',
      'tandem.completion.debounceMs': 0,
      'tandem.completion.enabled': true,
      'tandem.completion.disabledLanguages': ['plaintext'],
    });
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
  });

  it("puts a closed file's function signature, found through a re-export by the language server, into the FIM prompt", async function () {
    this.timeout(120_000);
    const api = await tandem();
    server.onRequest('/v1/completions', () => completionStream('total);'));
    // The import reader alone cannot see through a renaming re-export: only the definition provider can.
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), 'ts', 'reexport.ts'), Buffer.from("export { formatMoney as showMoney } from './money';\n"));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), 'ts', 'usage.ts'), Buffer.from(''));
    const editor = await openFile('ts/usage.ts');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.path : ''));
    assert.ok(!tabs.some((p) => p.endsWith('/ts/money.ts')), 'money.ts is not open in an editor');
    const signature = 'export function formatMoney(m: Money): string';
    let round = 0;
    // The language server starts on the first request: each round is a new spot (no cache hit),
    // asked explicitly, until a prompt carries the signature found in the background.
    await until(
      () => server.requestsTo('/v1/completions').some((r) => String(r.body.prompt).includes(signature)),
      'the signature from money.ts in a prompt',
      90_000,
      async () => {
        round++;
        await setTextWithCursor(editor, `import { showMoney } from './reexport';\n\nconst label${round} = showMoney(|`);
        const settled = nextEvent(api.onDidProvide, () => true, 15_000, 'the provider call');
        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
        await settled;
      },
    );
    const req = server.requestsTo('/v1/completions').find((r) => String(r.body.prompt).includes(signature))!;
    assert.match(String(req.body.prompt), /\/\/ Path: ts\/money\.ts\n\/\/ export function formatMoney\(m: Money\): string \{ … \}/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('follows a streaming completion the user types into, without a second request', async function () {
    this.timeout(90_000);
    const api = await tandem();
    let open: () => void = () => undefined;
    // Held before its first piece: nothing can be shown early, whatever the machine's speed.
    const gate = { after: 0, open: new Promise<void>((r) => (open = r)) };
    server.enqueue('/v1/completions', { ...(completionStream('return a - b;', { size: 4 }) as Extract<Reply, { kind: 'stream' }>), gate });
    // The suggest widget must not open on the keystroke: its selected item would change the request.
    await setSettings({ 'editor.quickSuggestions': { other: false, comments: false, strings: false } });
    const editor = await openFile('src/math.js');
    const seen: unknown[] = [];
    const steps: string[] = [];
    const log = api.onDidProvide((e) => seen.push(e));
    const fail = (err: Error) => {
      open();
      throw new Error(`${err.message} after ${steps.join(', ')}; calls: ${JSON.stringify(seen)}`);
    };
    try {
      await setTextWithCursor(editor, 'function streamed(a, b) {\n  |\n}\n');
      const shown = nextEvent(api.onDidProvide, (e) => e.shown, 45_000, 'the rest of the stream shown');
      shown.catch(() => undefined);
      // (the trigger command waits for the completion, which waits for the model: not awaited)
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      const [req] = await server.waitForRequests(1);
      steps.push('request');
      // The keystroke cancels the provider call (VS Code does so on every edit) while the model streams.
      const cancelled = nextEvent(api.onDidProvide, () => true, 30_000, 'the first call to end');
      const asked = nextEvent(api.onWillProvide, (e) => e.line === 1 && e.character === 3, 30_000, 'the call after the keystroke');
      await vscode.commands.executeCommand('type', { text: 'r' });
      steps.push('typed');
      assert.equal((await cancelled.catch(fail)).shown, false);
      steps.push('cancelled');
      // The next call is following the stream before the model goes on.
      await asked.catch(fail);
      steps.push('asked again');
      open();
      assert.equal((await shown.catch(fail)).text, 'eturn a - b;');
      assert.equal(server.requestsTo('/v1/completions').length, 1, 'typing into the stream sent no second request');
      assert.equal(req.disconnected, false, 'the stream was not aborted by the keystroke');
    } finally {
      log.dispose();
      open();
      await setSettings({ 'editor.quickSuggestions': undefined });
    }
    await until(() => editor.document.getText().includes('return a - b;'), 'the committed rest', 10_000, () => vscode.commands.executeCommand('editor.action.inlineSuggest.commit'));
    assert.equal(editor.document.getText(), 'function streamed(a, b) {\n  return a - b;\n}\n');
  });

  it('extends the item selected in the suggest widget', async function () {
    this.timeout(90_000);
    const api = await tandem();
    server.onRequest('/v1/completions', () => completionStream('.log(a - b);'));
    const items = vscode.languages.registerCompletionItemProvider('javascript', {
      provideCompletionItems: () => {
        const item = new vscode.CompletionItem('conveyorBelt', vscode.CompletionItemKind.Variable);
        item.preselect = true;
        item.sortText = '\u0000';
        return [item];
      },
    });
    try {
      const editor = await openFile('src/math.js');
      await setTextWithCursor(editor, 'function logged(a, b) {\n  con|\n}\n');
      const seen: unknown[] = [];
      const log = api.onDidProvide((e) => seen.push(e));
      // Whichever item the widget selects (the language server's or ours), the completion must extend it.
      const shown = nextEvent(api.onDidProvide, (e) => e.shown && e.selected !== undefined, 45_000, 'a completion extending the selected item');
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      // VS Code may cancel the first call while the widget settles and then not ask again until the
      // user acts: ask for ghost text again now and then, as a pause in typing would.
      const again = setInterval(() => void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger'), 2000);
      const outcome = await shown
        .catch((err: Error) => {
          throw new Error(`${err.message}; calls: ${JSON.stringify(seen)}; prompts: ${JSON.stringify(server.requests.map((r) => String(r.body?.prompt).slice(-20)))}`);
        })
        .finally(() => clearInterval(again));
      log.dispose();
      const selected = outcome.selected!;
      assert.match(selected, /^con/);
      assert.equal(outcome.text, `${selected}.log(a - b);`);
      const req = server.requestsTo('/v1/completions').find((r) => String(r.body.prompt).endsWith(`\n  ${selected}`));
      assert.ok(req, 'the prompt continues the selected item');
      await until(() => editor.document.getText().includes(`${selected}.log(a - b);`), 'the accepted completion', 10_000, () => vscode.commands.executeCommand('editor.action.inlineSuggest.commit'));
      assert.equal(editor.document.getText(), `function logged(a, b) {\n  ${selected}.log(a - b);\n}\n`);
    } finally {
      items.dispose();
      await vscode.commands.executeCommand('hideSuggestWidget');
    }
  });
});
