// The model reviewer and the hooks as the user sees them in the panel (real workbench, Chromium):
// the reviewer's finding sits on the change card beside the guard's with a "model" badge and the
// review's line (who reviewed it, how long); a user hook that blocks a write shows its line, with
// the hook's reason, in that step. Screenshots go to test-results/.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { ModelServer, type RecordedRequest, type Reply } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openPanel, panelSettings, screenshot, waitForWorkbench } from './workbench';

const CHAT = '/v1/chat/completions';
const SQL = 'module.exports.find = (db, id) => db.query("SELECT * FROM users WHERE id = " + id);';

describe('reviewer and hooks in the panel', function () {
  this.timeout(180_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;
  let config: string;
  /** Replies by the model the request names: the agent's and the reviewer's ("rev") in their own queues. */
  const queues = new Map<string, Reply[]>();
  const script = (model: string, ...replies: Reply[]) => queues.set(model, [...(queues.get(model) ?? []), ...replies]);

  const sendTask = async (text: string) => {
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill(text);
    await prompt.press('Enter');
  };

  before(async () => {
    server = await ModelServer.start();
    server.onRequest(CHAT, (req: RecordedRequest) => queues.get(String(req.body.model))?.shift() ?? chatStream('(nothing scripted)'));
    config = mkdtempSync(join(tmpdir(), 'tandem-ui-hooks-'));
    mkdirSync(join(config, 'tandem'), { recursive: true });
    writeFileSync(join(config, 'tandem', 'hooks.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'write_file', hooks: [{ type: 'command', command: 'echo "release branch is frozen" >&2; exit 2' }] }] } }));
    session = await launch({ userSettings: panelSettings(server.url, { 'tandem.review.model': 'rev', 'tandem.review.when': 'always' }), env: { XDG_CONFIG_HOME: config } });
    await waitForWorkbench(session.page);
    frame = await openPanel(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
    rmSync(config, { recursive: true, force: true });
  });

  it("marks the reviewer's finding on the change card as the model's, beside the guard's", async () => {
    const file = join(session.workspace, 'src', 'math.js');
    const before = readFileSync(file, 'utf8');
    const after = `${before}${SQL}\n`;
    const line = after.split('\n').findIndex((l) => l.includes('SELECT')) + 1;
    script('test-model', chatToolCallStream([{ id: 'm1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: before, new_string: after } }]), chatStream('Left it to you.'));
    script('rev', chatStream(JSON.stringify({ findings: [{ path: 'src/math.js', line, severity: 'medium', cwe: 'CWE-20', title: 'The id is never checked', rationale: 'Any string reaches the query.', suggestion: 'Check that id is an integer first.' }] }), { usage: { prompt_tokens: 420, completion_tokens: 60 } }));
    await sendTask('Add a lookup by id');
    const card = frame.locator('[data-testid=change]');
    await card.waitFor({ state: 'visible', timeout: 60_000 });
    const mine = card.locator('[data-testid=finding][data-source=model]');
    await mine.waitFor({ timeout: 30_000 });
    assert.equal(await mine.locator('[data-testid=finding-source]').innerText(), 'model');
    assert.match(await mine.innerText(), /The id is never checked/);
    const guard = card.locator('[data-testid=finding][data-source=guard]');
    assert.ok((await guard.count()) >= 1, "the guard's own finding is there too");
    assert.equal(await guard.locator('[data-testid=finding-source]').count(), 0, "the guard's findings carry no model badge");
    assert.match(await card.locator('[data-testid=review]').innerText(), /Reviewed by rev · .*480 tokens/);
    await screenshot(session.page, 'panel-review-model-badge');
    await frame.locator('[data-testid=reject]').click();
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'Left it to you.' }).waitFor({ timeout: 30_000 });
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it("shows a user hook's block, with its reason, in the step it stopped", async () => {
    await frame.locator('[data-testid=new-task]').click();
    script('test-model', chatToolCallStream([{ id: 'h1', name: 'write_file', arguments: { path: 'notes.txt', content: 'x' } }]), chatStream('The hook stopped the write.'));
    await sendTask('Write notes.txt');
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'The hook stopped the write.' }).waitFor({ timeout: 60_000 });
    const step = frame.locator('[data-testid=tool-step]').last();
    await step.locator('summary').click(); // the step is folded; its hook lines show when it is open
    const note = frame.locator('[data-testid=hook-note]').last();
    await note.waitFor({ timeout: 30_000 });
    assert.match(await note.innerText(), /PreToolUse hook \(user\) blocked: .*release branch is frozen/);
    assert.match((await note.getAttribute('class')) ?? '', /\berror\b/);
    await screenshot(session.page, 'panel-hook-blocked');
  });
});
