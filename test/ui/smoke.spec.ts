// The smallest UI check: the real workbench loads the sample workspace with Tandem installed as a
// development extension, its status-bar item shows, and a screenshot lands in test-results/.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { launch, type Session } from '../integration/codeServer';
import { screenshot, waitForWorkbench } from './workbench';

describe('workbench smoke', function () {
  this.timeout(120_000);
  let session: Session;

  before(async () => {
    session = await launch();
    await waitForWorkbench(session.page);
  });
  after(async () => {
    await session?.stop();
  });

  it('opens the sample workspace with the Tandem status-bar item', async () => {
    const { page } = session;
    // The explorer lists the sample workspace's files.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'package.json' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const item = page.locator('.statusbar-item', { hasText: 'Tandem' }).first();
    assert.match((await item.innerText()).trim(), /Tandem/);
    const shot = await screenshot(page, 'smoke-workbench');
    assert.ok(existsSync(shot), `${shot} was written`);
  });
});
