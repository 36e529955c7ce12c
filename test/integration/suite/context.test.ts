// What the agent sees, in a real VS Code against the scripted model server: the editor's selection
// rides along by default (the chip) and not once removed, picked and typed @file mentions are
// attached (an escape is refused), @problems carries the workspace's diagnostics, and an image goes
// to a vision model as an image part — or is refused with a clear message when the model has no vision.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { SendContext } from '../../../src/protocol/sendContext';
import { PNG_1X1 } from '../../fixtures/images';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream } from '../../fixtures/replies';
import { nextEvent, openFile, setSettings, stateWhere, tandem } from './helpers';

const CHAT = '/v1/chat/completions';
const none: SendContext = { selection: false, mentions: [], images: [] };

describe('context attached to a message', () => {
  let server: ModelServer;
  before(async () => (server = await ModelServer.start()));
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest', 'tandem.chat.vision': 'auto' });
    await (await tandem()).chat.handle({ type: 'newTask' });
  });
  after(() => setSettings({ 'tandem.chat.vision': undefined }));

  /** Sends a message and returns the last user message the model received (its text parts joined). */
  async function send(text: string, context: SendContext): Promise<{ content: unknown; text: string }> {
    const api = await tandem();
    server.enqueue(CHAT, chatStream('Noted.'));
    assert.equal(await api.chat.handle({ type: 'send', text, context }), true);
    await stateWhere((s) => !s.running && s.items.some((i) => i.kind === 'assistant' && i.markdown === 'Noted.'), 'the answer');
    const messages = server.requestsTo(CHAT)[0].body.messages as Array<{ role: string; content: unknown }>;
    const last = messages.filter((m) => m.role === 'user').pop()!;
    const parts = Array.isArray(last.content) ? (last.content as Array<{ type: string; text?: string }>) : [{ type: 'text', text: String(last.content) }];
    return { content: last.content, text: parts.filter((p) => p.type === 'text').map((p) => p.text).join('\n') };
  }

  it('attaches the selection shown on the chip, and nothing once the chip is removed', async () => {
    const api = await tandem();
    const editor = await openFile('src/math.js');
    const chip = nextEvent(api.chat.chatContext.onDidPost, (m) => m.type === 'editorContext' && m.chip?.label === 'math.js:2-3', 15_000, 'the selection chip');
    editor.selection = new vscode.Selection(1, 0, 2, editor.document.lineAt(2).text.length);
    await chip;
    const selected = editor.document.getText(editor.selection);
    const sent = await send('Explain this', { ...none, selection: true });
    assert.match(sent.text, /<attachment kind="selection" source="src\/math\.js:2-3">/);
    assert.ok(sent.text.includes(selected), 'the selected text is in the message');
    assert.ok(sent.text.endsWith('\n\nExplain this'));
    const user = api.chat.snapshot().items.find((i) => i.kind === 'user');
    assert.deepEqual(user?.kind === 'user' ? user.attached : undefined, ['src/math.js:2-3']);
    assert.equal(user?.kind === 'user' ? user.text : '', 'Explain this', 'the panel shows the message as typed');

    server.reset();
    await api.chat.handle({ type: 'newTask' });
    const bare = await send('Explain this again', none);
    assert.equal(bare.text, 'Explain this again', 'a removed chip attaches nothing');
  });

  it('attaches picked and typed @file mentions and refuses a path that leaves the workspace', async () => {
    const api = await tandem();
    const sent = await send('Compare @src/sub.js with the greeter, and @../../etc/passwd', { ...none, mentions: [{ kind: 'file', value: 'src/greet.py' }] });
    assert.match(sent.text, /<attachment kind="file" source="src\/greet\.py">\n[\s\S]*def /);
    assert.match(sent.text, /<attachment kind="file" source="src\/sub\.js">/);
    assert.ok(!sent.text.includes('root:x:0:0'));
    const notices = api.chat.snapshot().items.filter((i) => i.kind === 'notice').map((i) => (i.kind === 'notice' ? i.text : ''));
    assert.ok(notices.some((n) => /@\.\.\/\.\.\/etc\/passwd is outside the workspace/.test(n)), notices.join(' | '));
  });

  it('answers the @ picker with ranked workspace files and the special mentions', async () => {
    const api = await tandem();
    const options = await api.chat.chatContext.query('math', 1);
    assert.equal(options[0].value, 'src/math.js');
    const specials = await api.chat.chatContext.query('pro', 2);
    assert.equal(specials[0].kind, 'problems');
  });

  it('@problems carries the workspace diagnostics', async () => {
    const collection = vscode.languages.createDiagnosticCollection('context-test');
    try {
      const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'src', 'math.js');
      collection.set(uri, [new vscode.Diagnostic(new vscode.Range(2, 4, 2, 10), "Cannot find name 'multiplyy'.", vscode.DiagnosticSeverity.Error)]);
      const sent = await send('Fix @problems', { ...none, mentions: [{ kind: 'problems', value: 'problems' }] });
      assert.match(sent.text, /<attachment kind="problems" source="problems">\n[\s\S]*src\/math\.js:3:5 error: Cannot find name 'multiplyy'\./);
    } finally {
      collection.dispose();
    }
  });

  it('sends a pasted image to a vision model as an image part', async () => {
    await setSettings({ 'tandem.chat.model': 'gpt-4o' });
    const sent = await send('What does this show?', { ...none, images: [{ name: 'dot.png', data: PNG_1X1.toString('base64') }] });
    assert.deepEqual((sent.content as unknown[])[1], { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1.toString('base64')}` } });
    const user = (await tandem()).chat.snapshot().items.find((i) => i.kind === 'user');
    assert.deepEqual(user?.kind === 'user' ? user.attached : undefined, ['image dot.png']);
  });

  it('refuses an image for a model without vision, and sends nothing', async () => {
    const api = await tandem();
    const refused = nextEvent(api.chat.onDidRefuse, () => true, 15_000, 'the refusal');
    await api.chat.handle({ type: 'send', text: 'What does this show?', context: { ...none, images: [{ name: 'dot.png', data: PNG_1X1.toString('base64') }] } });
    assert.match(await refused, /The model "test-model" is not known to accept images.*tandem\.chat\.vision/);
    assert.equal(server.requestsTo(CHAT).length, 0);
    assert.equal(api.chat.snapshot().items.length, 0, 'no message was added');
  });
});
