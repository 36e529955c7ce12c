// Inline chat through the real workbench in Chromium: Ctrl+I opens an input at the code (a comment
// thread under the line, not a box at the top of the window), Ctrl+Enter sends it, the proposed
// change shows in a read-only proposal beside the file with Keep / Undo lenses (screenshots:
// test-results/inline-diff-dark.png and inline-diff-light.png) while the file on disk stays as it was
// with auto-save on, and a click on Keep writes it and closes the thread.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openFileAt, screenshot, useThemeKind, waitForWorkbench } from './workbench';

for (const [name, theme] of [
  ['dark', 'Default Dark Modern'],
  ['light', 'Default Light Modern'],
] as const) describe(`inline chat in the workbench (${name} theme)`, function () {
  this.timeout(180_000);
  let server: ModelServer;
  let session: Session;

  before(async () => {
    server = await ModelServer.start();
    session = await launch({
      userSettings: {
        'workbench.colorTheme': theme,
        'tandem.baseUrl': server.url,
        'tandem.chat.model': 'test-model',
        'tandem.completion.enabled': false,
        'tandem.agent.approval': 'suggest',
        // Auto-save as eager as it gets: the review must give it nothing to write.
        'files.autoSave': 'afterDelay',
        'files.autoSaveDelay': 50,
      },
    });
    await waitForWorkbench(session.page);
    await useThemeKind(session.page, name === 'dark' ? 'vs-dark' : 'vs');
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });

  it('opens an input at the code with Ctrl+I and shows the change in place with Keep and Undo', async () => {
    const page = session.page;
    const file = join(session.workspace, 'src', 'math.js');
    const original = readFileSync(file, 'utf8');
    const proposed = original.replace('  return a * b;\n', '  if (b === 0) return 0;\n  return a * b;\n').replace('function add(a, b) {\n  return a + b;', 'function add(a, b) {\n  return Number(a) + Number(b);');
    server.enqueue('/v1/chat/completions', chatToolCallStream([{ id: 'w1', name: 'write_file', arguments: { path: 'src/math.js', content: proposed } }], { text: 'Coercing the inputs. ' }), chatStream('Done.'));
    await openFileAt(page, 'src/math.js', 3, 3);
    await page.keyboard.press('Control+I');
    // The input is a comment thread's editor inside the file's editor, under line 3.
    const zone = page.locator('.monaco-editor .review-widget');
    await zone.first().waitFor({ state: 'visible', timeout: 30_000 });
    // The input has the keyboard at once, as Copilot's does: typing goes into it, not into the code.
    await zone.locator('.comment-form .monaco-editor.focused').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.type('coerce the inputs to numbers');
    await zone.locator('.comment-form .view-lines', { hasText: 'coerce the inputs to numbers' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.tab.dirty').count(), 0, 'nothing was typed into the file');
    await page.keyboard.press('Control+Enter');
    // In place: the Keep / Undo lenses and the added and removed lines in the editor.
    const keep = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Keep' });
    await keep.first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.monaco-editor .view-lines', { hasText: 'Number(a) + Number(b)' }).first().waitFor({ state: 'visible' });
    const shot = await screenshot(page, `inline-diff-${name}`);
    assert.ok(shot.endsWith(`inline-diff-${name}.png`));
    // A focus change (what onFocusChange auto-save waits for): still nothing on disk, no tab is dirty.
    await page.locator('.tab', { hasText: 'math.js' }).first().click();
    await page.locator('.tab', { hasText: 'math.js' }).last().click();
    assert.equal(readFileSync(file, 'utf8'), original, 'nothing reaches the disk before Keep');
    assert.equal(await page.locator('.tab.dirty').count(), 0, 'no tab holds unsaved text');
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Keep all' }).first().click();
    // Kept: the file holds the change (bounded wait on the disk: no event reaches the test from there),
    // and once the model has answered, the thread at the code closes.
    for (let i = 0; i < 300 && readFileSync(file, 'utf8') !== proposed; i++) await page.waitForTimeout(100);
    assert.equal(readFileSync(file, 'utf8'), proposed);
    await page.locator('.tab.active', { hasText: 'math.js' }).waitFor({ state: 'visible' });
    await page.locator('.monaco-editor .review-widget').first().waitFor({ state: 'detached', timeout: 60_000 });
    await screenshot(page, `inline-kept-${name}`);
  });

});
