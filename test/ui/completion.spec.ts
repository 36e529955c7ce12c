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
    // The editor splits ghost text into tokens: read the line that carries it.
    const line = page.locator('.view-line', { has: ghost.first() });
    // (the editor renders spaces as no-break spaces)
    assert.match((await line.innerText()).replace(/\u00a0/g, ' '), /return a - b;/);
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
    const line = page.locator('.quick-input-list .monaco-list-row', { hasText: /Accepted 100 % of 1 shown · median \d+ ms/ });
    await line.first().waitFor({ state: 'visible', timeout: 30_000 });
    await line.first().click();
    const heading = page.locator('.view-line', { hasText: 'Tandem completion stats' });
    await heading.first().waitFor({ state: 'visible', timeout: 30_000 });
    const row = page.locator('.view-line', { hasText: /\|\s*javascript\s*\|\s*1\s*\|\s*1\s*\|\s*0\s*\|\s*0\s*\|\s*100 %/ });
    await row.first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'completion-stats');
  });
});
