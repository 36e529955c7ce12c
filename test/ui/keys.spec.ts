// Tandem's keyboard shortcuts pressed in the real workbench (code-server in Chromium): Ctrl+Alt+A from
// an editor opens the panel with the prompt focused, Escape in the panel stops a running task (the
// scripted model server sees the request dropped), Escape with the @ picker open only closes it,
// Ctrl+Enter / Ctrl+Shift+Backspace approve or reject the waiting change, and Ctrl+Shift+Alt+A starts
// a new task; in an editor, Ctrl+I opens inline chat at the line and, once its change shows, Ctrl+Enter
// keeps it all. (The when clauses against VS Code's defaults: test/integration/suite/keybindings.test.ts.)
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { inWebview, openFileAt, panelSettings, screenshot, stopRunningTask, waitForWorkbench } from './workbench';

/** `p`, or a failure naming `what` after `ms`. */
function within<T>(p: Promise<T>, what: string, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

describe('keyboard shortcuts in the workbench', function () {
  this.timeout(180_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;
  let mathFile: string;
  let original: string;

  before(async () => {
    server = await ModelServer.start();
    session = await launch({ userSettings: panelSettings(server.url) });
    await waitForWorkbench(session.page);
    mathFile = join(session.workspace, 'src', 'math.js');
    original = readFileSync(mathFile, 'utf8');
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });
  beforeEach(async () => {
    server.reset();
    // Each test starts from an idle panel.
    await stopRunningTask(frame);
  });
  afterEach(() => writeFileSync(mathFile, original));

  const prompt = () => frame.locator('[data-testid=prompt]');
  const sendTask = async (text: string) => {
    await prompt().fill(text);
    await prompt().press('Enter');
  };
  const editMultiply = (id: string) =>
    chatToolCallStream([{ id, name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a * b;', new_string: 'return a * b; // product' } }], { text: 'Annotating multiply. ' });

  it('Ctrl+Alt+A in an editor opens the panel with its prompt focused', async () => {
    const page = session.page;
    await openFileAt(page, 'src/math.js', 1, 1);
    await page.keyboard.press('Control+Alt+A');
    frame = (await inWebview(page, '[data-testid=prompt]', 60_000)).frame;
    await frame.waitForFunction(() => document.hasFocus() && document.activeElement?.getAttribute('data-testid') === 'prompt', undefined, { timeout: 30_000 });
    // Typing now goes to the prompt, not to the editor.
    await page.keyboard.type('typed after the shortcut');
    assert.equal(await prompt().inputValue(), 'typed after the shortcut');
    assert.equal(readFileSync(mathFile, 'utf8'), original);
    await prompt().fill('');
  });

  it('Escape in the panel stops the running task and drops the model request; with the @ picker open it only closes the picker', async () => {
    server.enqueue('/v1/chat/completions', { kind: 'hang' });
    await sendTask('Think about this for a long time');
    const [req] = await within(server.waitForRequests(1, '/v1/chat/completions'), 'the model request');
    await frame.locator('[data-testid=stop]').waitFor({ state: 'visible', timeout: 30_000 });
    // The @ picker's own Escape does not stop the task.
    await prompt().focus();
    await prompt().pressSequentially('@math');
    await frame.locator('[data-testid=mention-option]').first().waitFor({ state: 'visible', timeout: 30_000 });
    await prompt().press('Escape');
    await frame.locator('[data-testid=mention-list]').waitFor({ state: 'hidden', timeout: 10_000 });
    // Stop would have dropped the request and brought Send back: the task still runs.
    assert.equal(req.disconnected, false, 'Escape on the picker stopped the task');
    assert.ok(await frame.locator('[data-testid=stop]').isVisible(), 'the task still runs');
    await prompt().fill('');
    await prompt().press('Escape');
    await within(server.waitForDisconnect(req), 'the model request to be dropped');
    await frame.locator('[data-testid=send]').waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('Ctrl+Enter in the panel approves the waiting change', async () => {
    server.enqueue('/v1/chat/completions', editMultiply('k1'), chatStream('Done.'));
    await sendTask('Annotate multiply');
    const card = frame.locator('[data-testid=change]');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await prompt().press('Control+Enter');
    await card.waitFor({ state: 'detached', timeout: 30_000 });
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'Done.' }).waitFor({ timeout: 30_000 });
    assert.match(readFileSync(mathFile, 'utf8'), /return a \* b; \/\/ product/);
    assert.equal(await prompt().inputValue(), '', 'nothing was sent');
  });

  it('Ctrl+Shift+Backspace in the panel rejects the waiting change, and Ctrl+Shift+Alt+A starts a new task', async () => {
    server.enqueue('/v1/chat/completions', editMultiply('k2'), chatStream('Understood, left as it is.'));
    await sendTask('Annotate multiply again');
    const card = frame.locator('[data-testid=change]');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await prompt().press('Control+Shift+Backspace');
    await card.waitFor({ state: 'detached', timeout: 30_000 });
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'left as it is' }).waitFor({ timeout: 30_000 });
    assert.equal(readFileSync(mathFile, 'utf8'), original);
    assert.ok((await frame.locator('[data-testid=message]').count()) > 0);
    await session.page.keyboard.press('Control+Shift+Alt+A');
    await frame.locator('[data-testid=message]').first().waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('Ctrl+I in an editor opens inline chat at the line, and Ctrl+Enter in the editor keeps the whole change', async () => {
    const page = session.page;
    const proposed = original.replace('  return a * b;\n', '  if (b === 0) return 0;\n  return a * b;\n');
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 'i1', name: 'write_file', arguments: { path: 'src/math.js', content: proposed } }]), chatStream('Done.'));
    await openFileAt(page, 'src/math.js', 3, 3);
    await page.keyboard.press('Control+I');
    const zone = page.locator('.monaco-editor .review-widget');
    await zone.first().waitFor({ state: 'visible', timeout: 30_000 });
    // The input takes the keyboard at once (no click): what is typed goes into it, not into the code.
    await zone.locator('.comment-form .monaco-editor.focused').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.type('return 0 when b is 0');
    await zone.locator('.comment-form .view-lines', { hasText: 'return 0 when b is 0' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.tab.dirty').count(), 0, 'nothing was typed into the file');
    // In the inline chat input Ctrl+Enter sends (the comment's own key, not Keep all).
    await page.keyboard.press('Control+Enter');
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Keep' }).first().waitFor({ state: 'visible', timeout: 60_000 }).catch(async (err: Error) => {
      await screenshot(page, 'keys-inline');
      throw new Error(`${err.message} (model requests: ${server.requestsTo('/v1/chat/completions').length})`);
    });
    assert.equal(readFileSync(mathFile, 'utf8'), original, 'nothing is written before it is kept');
    // Back in the file's editor (a click, no typing), Ctrl+Enter keeps every part.
    await page.locator('.monaco-editor .view-line', { hasText: 'function multiply' }).first().click();
    await page.keyboard.press('Control+Enter');
    // Kept: the file is written (as one edit), then the thread closes once the model has answered.
    for (let i = 0; i < 300 && readFileSync(mathFile, 'utf8') !== proposed; i++) await page.waitForTimeout(100);
    assert.equal(readFileSync(mathFile, 'utf8'), proposed);
    await page.locator('.monaco-editor .review-widget').first().waitFor({ state: 'detached', timeout: 60_000 });
  });
});
