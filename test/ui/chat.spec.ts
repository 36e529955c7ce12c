// The agent panel through the real workbench in Chromium: a typed task streams its answer, a change
// card is approved with a click and lands on disk, model output carrying HTML and javascript: links
// runs nothing, Stop ends a running command, and hidden Unicode in a command shows escaped.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Frame } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openPanel, panelSettings, screenshot, waitForWorkbench } from './workbench';

describe('agent panel in the workbench', function () {
  this.timeout(180_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;

  const sendTask = async (text: string) => {
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill(text);
    await prompt.press('Enter');
  };

  before(async () => {
    server = await ModelServer.start();
    session = await launch({ userSettings: panelSettings(server.url) });
    await waitForWorkbench(session.page);
    frame = await openPanel(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });
  beforeEach(() => server.reset());

  it('streams the answer to a typed task and applies an approved change', async () => {
    server.enqueue(
      '/v1/chat/completions',
      chatToolCallStream([{ id: 'u1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a * b;', new_string: 'return a * b; // product' } }], { text: 'I will annotate multiply. ' }),
      chatStream('Done: multiply now says what it returns.', { size: 3, intervalMs: 15 }),
    );
    await sendTask('Annotate multiply');
    const card = frame.locator('[data-testid=change]');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await card.getAttribute('data-path'), 'src/math.js');
    await frame.locator('[data-testid=tool-step]').first().waitFor();
    await screenshot(session.page, 'panel-pending-change');
    await frame.locator('[data-testid=approve]').click();
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'multiply now says what it returns' }).waitFor({ timeout: 30_000 });
    assert.match(readFileSync(join(session.workspace, 'src', 'math.js'), 'utf8'), /return a \* b; \/\/ product/);
    assert.equal(await frame.locator('[data-testid=change]').count(), 0);
  });

  it('renders model output as text: no markup, no scripts, no javascript: or command: links', async () => {
    await frame.locator('[data-testid=new-task]').click();
    const evil = 'Look: <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>\n\n[click](javascript:window.__pwned=3) [cmd](command:workbench.action.quit) [ok](https://example.com)';
    server.enqueue('/v1/chat/completions', chatStream(evil));
    await sendTask('Say something dangerous');
    // The whole answer has arrived once its last link text shows.
    const msg = frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'ok' }).last();
    await msg.waitFor({ timeout: 30_000 });
    assert.equal(await msg.locator('img, script').count(), 0, 'no element came from model HTML');
    const hrefs = await msg.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, ['https://example.com']);
    assert.match(await msg.innerText(), /<img src=x onerror=/, 'the HTML shows as text');
    assert.equal(await frame.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('Restore on the message puts the file back after a preview that shows the diff, confirmed in the quick pick', async () => {
    await frame.locator('[data-testid=new-task]').click();
    const file = join(session.workspace, 'src', 'math.js');
    const before = readFileSync(file, 'utf8');
    server.enqueue(
      '/v1/chat/completions',
      chatToolCallStream([{ id: 'r1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a + b;', new_string: 'return a + b + 0;' } }]),
      chatStream('Changed the sum.'),
    );
    await sendTask('Change the sum');
    await frame.locator('[data-testid=approve]').click();
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'Changed the sum.' }).waitFor({ timeout: 30_000 });
    assert.match(readFileSync(file, 'utf8'), /a \+ b \+ 0/);
    // The step that changed the file and the message both offer Restore, once the turn has ended
    // (the answer can show before it: the snapshot after the edit is written while the answer streams).
    await frame.locator('[data-testid=tool-step] [data-testid=restore-checkpoint]').first().waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('[data-testid=tool-step] [data-testid=restore-checkpoint]').count(), 1);
    await frame.locator('[data-testid=message][data-role=user] [data-testid=restore-checkpoint]').last().click();
    const picker = session.page.locator('.quick-input-widget');
    await picker.locator('.quick-input-list .monaco-list-row', { hasText: 'src/math.js' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Picking the file opens VS Code's diff of it now against the checkpoint; the picker stays.
    await picker.locator('.quick-input-list .monaco-list-row', { hasText: 'src/math.js' }).click();
    await session.page.locator('.tab', { hasText: 'now ↔ checkpoint' }).waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(session.page, 'restore-preview');
    await picker.locator('.quick-input-list .monaco-list-row', { hasText: 'Restore 1 file' }).first().click();
    await frame.locator('.notice', { hasText: 'Restored 1 file' }).waitFor({ timeout: 30_000 });
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('asks before a command with Run / Deny, and Stop ends it at once', async () => {
    await frame.locator('[data-testid=new-task]').click();
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 's1', name: 'run_command', arguments: { command: 'sleep 60' } }]));
    await sendTask('Wait a minute');
    // The command needs approval: the exact command and folder, with Run / Deny.
    const question = frame.locator('[data-testid=command-approval]');
    await question.waitFor({ timeout: 30_000 });
    assert.match(await question.innerText(), /sleep 60/);
    assert.ok((await question.locator('[data-testid=command-folder]').innerText()).trim().endsWith(basename(session.workspace)), 'the folder is shown as a path');
    await question.locator('[data-testid=run]').click();
    await frame.locator('[data-testid=tool-step][data-state=running]').waitFor({ timeout: 30_000 });
    await frame.locator('[data-testid=stop]').click();
    await frame.locator('[data-testid=tool-step][data-state=failed]').waitFor({ timeout: 10_000 });
    await frame.locator('[data-testid=send]').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(server.requestsTo('/v1/chat/completions').length, 1, 'no model call after Stop');
  });

  it('shows a command with a bidi override escaped, with a warning, on its approval card', async () => {
    await frame.locator('[data-testid=new-task]').click();
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 'u1', name: 'run_command', arguments: { command: 'cat notes\u202Ehs.txt' } }]), chatStream('Not run.'));
    await sendTask('Show the notes');
    const question = frame.locator('[data-testid=command-approval]');
    await question.waitFor({ timeout: 30_000 });
    const text = await question.innerText();
    assert.ok(text.includes('cat notes\\u202Ehs.txt'), text);
    assert.ok(!text.includes('\u202E'), 'the raw override is not rendered');
    assert.match(await question.locator('[data-testid=hidden-unicode]').innerText(), /hidden or bidirectional Unicode/);
    await question.locator('[data-testid=deny]').click();
    await question.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
