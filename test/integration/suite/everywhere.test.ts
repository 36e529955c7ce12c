// The reviewer, the hooks and prompt files beyond the panel's plain turn, in a real VS Code against
// the scripted model server: inline chat asks tandem.review.model and marks its finding on the
// proposed line as the model's (with the reviewer's line in the thread); the user's hook blocks an
// inline edit and the thread says so; a prompt file's `model:` and `tools:` hold for its turn in
// the panel (and the next turn is back to the settings' model and every tool).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ModelServer, type RecordedRequest, type Reply } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { nextEvent, openFile, setSettings, tandem, typeInInlineInput, until } from './helpers';

const CHAT = '/v1/chat/completions';
const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const ORIGINAL = readFileSync(require.resolve('../../../../test/fixtures/workspace/src/math.js'), 'utf8');
const RISKY = `${ORIGINAL}module.exports.find = (db, id) => db.query("SELECT * FROM users WHERE id = " + id);\n`;
const toolNames = (q: RecordedRequest) => ((q.body.tools ?? []) as Array<{ function: { name: string } }>).map((t) => t.function.name);

describe('the reviewer, hooks and prompt files beyond the panel turn', function () {
  this.timeout(120_000);
  let server: ModelServer;
  let config: string;
  const xdg = process.env.XDG_CONFIG_HOME;
  /** Replies by the model named in the request: each model has its own queue. */
  const queues = new Map<string, Reply[]>();
  const script = (model: string, ...replies: Reply[]) => queues.set(model, [...(queues.get(model) ?? []), ...replies]);
  beforeEach(async () => {
    server = await ModelServer.start();
    queues.clear();
    server.onRequest(CHAT, (req) => queues.get(String(req.body.model))?.shift() ?? chatStream('(nothing scripted)'));
    config = mkdtempSync(path.join(tmpdir(), 'tandem-everywhere-'));
    process.env.XDG_CONFIG_HOME = config;
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'agent', 'tandem.agent.approval': 'suggest' });
    await (await tandem()).chat.handle({ type: 'newTask' });
  });
  afterEach(async () => {
    if (xdg === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = xdg;
    await setSettings({ 'tandem.review.model': undefined, 'tandem.review.when': undefined });
    await server.close();
    rmSync(config, { recursive: true, force: true });
    rmSync(path.join(root(), '.tandem', 'commands', 'peek.md'), { force: true });
  });

  async function askInline(text: string): Promise<{ editor: vscode.TextEditor; finished: Promise<unknown> }> {
    const api = await tandem();
    const editor = await openFile('src/math.js');
    if (editor.document.getText() !== ORIGINAL) throw new Error('src/math.js is not as the fixture has it');
    editor.selection = new vscode.Selection(9, 0, 9, 0);
    // Ctrl+I opens a focused input (VS Code's own comment input): typed into, then submitted.
    await typeInInlineInput(text);
    const finished = nextEvent(api.inline.onDidFinish, () => true, 60_000, 'the inline request to end');
    void vscode.commands.executeCommand('editor.action.submitComment');
    return { editor, finished };
  }
  const threadText = async (uri: vscode.Uri) => ((await tandem()).inline.threadFor(uri)?.comments ?? []).map((c) => (typeof c.body === 'string' ? c.body : c.body.value)).join('\n');

  it("inline chat: the reviewer's finding is marked on the proposed line as the model's, with its run in the thread", async () => {
    await setSettings({ 'tandem.review.model': 'rev', 'tandem.review.when': 'always' });
    script('agent', chatToolCallStream([{ id: 'i1', name: 'write_file', arguments: { path: 'src/math.js', content: RISKY } }]), chatStream('Understood.'));
    script('rev', chatStream(JSON.stringify({ findings: [{ path: 'src/math.js', line: RISKY.split('\n').findIndex((l) => l.includes('SELECT')) + 1, severity: 'medium', cwe: 'CWE-20', title: 'The id is not checked', rationale: 'Any value reaches the query.', suggestion: 'Check that id is a number.' }] })));
    const api = await tandem();
    const { editor, finished } = await askInline('add a lookup');
    const uri = editor.document.uri;
    await until(() => !!api.inlineReviews.proposalOf(uri), 'the change shown in place', 60_000);
    const proposal = api.inlineReviews.proposalOf(uri)!;
    await until(() => vscode.languages.getDiagnostics(proposal).some((d) => d.source === 'Tandem reviewer (model)'), "the reviewer's finding as a diagnostic");
    const mine = vscode.languages.getDiagnostics(proposal).find((d) => d.source === 'Tandem reviewer (model)')!;
    const line = (await vscode.workspace.openTextDocument(proposal)).getText().split('\n').findIndex((l) => l.includes('SELECT'));
    assert.equal(mine.range.start.line, line);
    assert.match(mine.message, /The id is not checked/);
    assert.ok(vscode.languages.getDiagnostics(proposal).some((d) => d.source === 'Tandem Guard'), "the guard's finding stays the guard's");
    await until(async () => /Model reviewer rev: .* — 1 finding\(s\)/.test(await threadText(uri)), "the reviewer's line in the thread");
    await vscode.commands.executeCommand('tandem.inline.undoAll', uri.toString());
    await finished;
    assert.equal(editor.document.getText(), ORIGINAL);
    assert.equal(server.requestsTo(CHAT).filter((q) => q.body.model === 'rev').length, 1);
  });

  it("inline chat: the user's PreToolUse hook blocks the edit and the thread shows the hook's line", async () => {
    mkdirSync(path.join(config, 'tandem'), { recursive: true });
    writeFileSync(path.join(config, 'tandem', 'hooks.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'write_file|edit_file', hooks: [{ type: 'command', command: 'echo "no inline edits today" >&2; exit 2' }] }] } }));
    script('agent', chatToolCallStream([{ id: 'i2', name: 'write_file', arguments: { path: 'src/math.js', content: RISKY } }]), chatStream('The hook refused it.'));
    const { editor, finished } = await askInline('add a lookup');
    await finished;
    assert.equal(editor.document.getText(), ORIGINAL);
    const agentCalls = server.requestsTo(CHAT).filter((q) => q.body.model === 'agent');
    assert.match(JSON.stringify(agentCalls[1].body.messages), /no inline edits today/);
    const text = await threadText(editor.document.uri);
    assert.match(text, /PreToolUse hook \(write_file\) blocked: `echo "no inline edits today" >&2; exit 2` — no inline edits today/);
  });

  it("the panel runs a prompt file's turn with its model and only its tools, then goes back", async () => {
    // Written through VS Code's file service and used at once: a command no file defined at the last
    // load makes the panel read the files again before it answers (a watcher may not have fired yet,
    // and in code-server it sometimes misses a folder created moments after it was set up).
    const peek = vscode.Uri.file(path.join(root(), '.tandem', 'commands', 'peek.md'));
    await vscode.workspace.fs.writeFile(peek, Buffer.from('---\ndescription: Peek at a file\nmodel: peek-model\ntools: [read_file, list_dir]\n---\nRead $1 and say what it holds.\n'));
    const api = await tandem();
    script('peek-model', chatToolCallStream([{ id: 'p1', name: 'write_file', arguments: { path: 'peeked.txt', content: 'x' } }]), chatStream('It holds sums.'));
    script('agent', chatStream('Back to normal.'));
    assert.equal(await api.chat.handle({ type: 'send', text: '/peek src/math.js' }), true, `refused: ${JSON.stringify(api.chat.snapshot().items.filter((i) => i.kind === 'notice'))}`);
    assert.ok(api.chat.snapshot().commands?.some((c) => c.name === 'peek'), 'the /peek command is listed for the picker too');
    await until(() => !api.chat.snapshot().running && api.chat.snapshot().items.some((i) => i.kind === 'assistant' && /It holds sums/.test(i.markdown)), 'the command turn to end', 60_000).catch((err: Error) => {
      throw new Error(`${err.message}; panel: ${JSON.stringify(api.chat.snapshot().items).slice(0, 1500)}; requests: ${JSON.stringify(server.requestsTo(CHAT).map((q) => q.body.model))}`);
    });
    const peeks = server.requestsTo(CHAT).filter((q) => q.body.model === 'peek-model');
    assert.equal(peeks.length, 2);
    for (const q of peeks) assert.deepEqual(toolNames(q).filter((n) => n !== 'update_plan' && n !== 'ask_user').sort(), ['list_dir', 'read_file']);
    const step = api.chat.snapshot().items.find((i) => i.kind === 'tool' && i.id === 'p1');
    assert.ok(step?.kind === 'tool' && step.state === 'failed', 'write_file is refused in this turn');
    assert.ok(api.chat.snapshot().items.some((i) => i.kind === 'notice' && /runs with the model peek-model and only the tools read_file, list_dir/.test(i.text)));
    await api.chat.run('and now?');
    const last = server.requestsTo(CHAT).at(-1)!;
    assert.equal(last.body.model, 'agent');
    assert.ok(toolNames(last).includes('write_file'));
  });
});
