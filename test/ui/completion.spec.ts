// Through the real workbench in Chromium: the Tandem status-bar item is there, ghost text from the
// scripted server is drawn in the editor, Tab accepts it, and the acceptance shows in the status-bar
// menu and in Tandem: Show Completion Stats.
import { strict as assert } from 'node:assert';
import { ModelServer } from '../fixtures/modelServer';
import { completionStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openFileAt, runCommand, screenshot, waitForWorkbench } from './workbench';

describe('autocomplete in the workbench', function () {
  this.timeout(120_000);
  let server: ModelServer;
  let session: Session;

  before(async () => {
    server = await ModelServer.start();
    server.onRequest('/v1/completions', () => completionStream('return a - b;'));
    session = await launch({
      userSettings: {
        'tandem.baseUrl': server.url,
        'tandem.completion.model': 'test-model',
        'tandem.completion.debounceMs': 0,
      },
    });
    await waitForWorkbench(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });

  it('shows the Tandem status-bar item', async () => {
    const item = session.page.locator('.statusbar-item', { hasText: 'Tandem' });
    await item.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await item.first().getAttribute('aria-label')) ?? '', /Tandem/);
  });

  it('draws ghost text from the server and accepts it with Tab', async () => {
    const page = session.page;
    await openFileAt(page, 'src/sub.js', 2, 3);
    await runCommand(page, 'Trigger Inline Suggestion');
    const ghost = page.locator('.ghost-text-decoration, .ghost-text');
    await ghost.first().waitFor({ state: 'visible', timeout: 30_000 });
    // The editor splits ghost text into tokens: read the line that carries it. On a slow machine
    // the first part of a stream may show first, and the whole completion once it has arrived.
    // (the editor renders spaces as no-break spaces)
    const line = page.locator('.view-line', { has: ghost.first() }).filter({ hasText: /return\sa\s-\sb;/ });
    await line.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await line.first().innerText()).replace(/\u00a0/g, ' '), /return a - b;/);
    await screenshot(page, 'ghost-text');
    assert.equal(server.requestsTo('/v1/completions').length >= 1, true);
    await page.keyboard.press('Tab');
    await ghost.first().waitFor({ state: 'detached', timeout: 10_000 });
    const accepted = page.locator('.view-line', { hasText: /return\sa\s-\sb;/ });
    assert.equal(await accepted.count(), 1, 'the ghost text became real text');
  });

  it('counts the accepted completion in the status-bar menu and the stats view', async () => {
    const page = session.page;
    await page.locator('.statusbar-item', { hasText: 'Tandem' }).first().click();
    // (VS Code may also have shown completions on its own while the file opened: counts of at least one)
    const line = page.locator('.quick-input-list .monaco-list-row', { hasText: /Accepted [1-9]\d* % of [1-9]\d* shown · median \d+ ms/ });
    await line.first().waitFor({ state: 'visible', timeout: 30_000 }).catch(async (err: Error) => {
      await screenshot(page, 'completion-stats-menu');
      throw err;
    });
    await line.first().click();
    const heading = page.locator('.view-line', { hasText: 'Tandem completion stats' });
    await heading.first().waitFor({ state: 'visible', timeout: 30_000 });
    const row = page.locator('.view-line', { hasText: /\|\s*javascript\s*\|\s*[1-9]\d*\s*\|\s*[1-9]\d*\s*\|/ });
    await row.first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'completion-stats');
  });
});
