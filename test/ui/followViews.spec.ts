// Views that follow the user's action, through the real workbench in Chromium: a task ends with a
// summary card (files changed with their lines, the test run's verdict; screenshot
// test-results/summary-card.png) whose file link opens the diff before the task ↔ now, and a tool
// step's file link opens the file at the lines the step read.
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openPanel, panelSettings, screenshot, waitForWorkbench } from './workbench';

describe('views that follow the task in the workbench', function () {
  this.timeout(240_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;

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

  it('ends a task with a summary card whose file link opens the diff, and a step link opens the file at its lines', async () => {
    const page = session.page;
    server.enqueue(
      '/v1/chat/completions',
      chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: 'src/math.js', start_line: 6, end_line: 8 } }]),
      chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a * b;', new_string: 'return a * b; // product' } }]),
      chatToolCallStream([{ id: 'c1', name: 'run_command', arguments: { command: 'npm test' } }]),
      chatStream('Annotated multiply; the tests pass.'),
    );
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill('Annotate multiply and run the tests');
    await prompt.press('Enter');
    await frame.locator('[data-testid=approve]').click({ timeout: 60_000 });
    const question = frame.locator('[data-testid=command-approval]');
    await question.locator('[data-testid=run]').click({ timeout: 60_000 });

    const card = frame.locator('[data-testid=summary-card]');
    await card.waitFor({ state: 'visible', timeout: 90_000 });
    const text = await card.innerText();
    assert.match(text, /1 file changed/);
    assert.match(text, /tests passed/);
    assert.match(text, /src\/math\.js\s*\+1\s*−1/);
    assert.equal(await card.locator('[data-testid=summary-check]').getAttribute('data-passed'), 'true');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'summary-card');

    await card.locator('[data-testid=summary-file]', { hasText: 'src/math.js' }).click();
    await page.locator('.tab', { hasText: 'before the task ↔ now' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Both sides rendered: the removed line on the left, the annotated one on the right.
    await page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: '// product' }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'summary-card-diff');

    // The read_file step's path: the file opens with the lines it read selected (6-8: 3 lines).
    const step = frame.locator('[data-testid=tool-step]', { hasText: 'read_file' });
    await step.locator('[data-testid=file-link]').first().click();
    await page.locator('.tab.active', { hasText: 'math.js' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: /Ln 8, Col \d+ \(\d+ selected\)/ }).waitFor({ state: 'visible', timeout: 30_000 });
  });
});
