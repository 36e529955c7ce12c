// The status-bar menu's "Turn completions off/on for <language>" in the real workbench: picked in a
// JavaScript file it adds only javascript to tandem.completion.disabledLanguages in the user settings
// (what was there stays), JavaScript stops asking the model while TypeScript still does, and picked
// again it takes javascript out and leaves the rest.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelServer } from '../fixtures/modelServer';
import { completionStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openFileAt, runCommand, screenshot, waitForWorkbench } from './workbench';

describe('completions on/off for one language from the status-bar menu', function () {
  this.timeout(180_000);
  let server: ModelServer;
  let session: Session;

  before(async () => {
    server = await ModelServer.start();
    server.onRequest('/v1/completions', () => completionStream('return 0;'));
    session = await launch({
      userSettings: {
        'tandem.baseUrl': server.url,
        'tandem.completion.model': 'test-model',
        'tandem.completion.debounceMs': 0,
        'tandem.completion.disabledLanguages': ['plaintext'],
      },
    });
    await waitForWorkbench(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });

  const settingsFile = () => join(session.tempDir, 'user-data', 'User', 'settings.json');
  /** The user setting as VS Code wrote it, once it equals `want` (bounded). */
  async function disabledLanguagesBecome(want: string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    let seen: unknown;
    for (;;) {
      if (existsSync(settingsFile())) {
        try {
          seen = (JSON.parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>)['tandem.completion.disabledLanguages'];
        } catch {
          seen = 'unreadable (being written)';
        }
        if (JSON.stringify(seen) === JSON.stringify(want)) return;
      }
      if (Date.now() > deadline) assert.fail(`tandem.completion.disabledLanguages is ${JSON.stringify(seen)}, expected ${JSON.stringify(want)}`);
      await session.page.waitForTimeout(200);
    }
  }

  async function pickInMenu(label: string): Promise<void> {
    const page = session.page;
    await page.locator('.statusbar-item', { hasText: 'Tandem' }).first().click();
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label });
    await row.first().waitFor({ state: 'visible', timeout: 30_000 });
    await row.first().click();
  }

  /**
   * The menu, opened again, offers `label`: the extension host has read the changed setting (the
   * label comes from it). Reopened a few times while the change travels to the extension host.
   */
  async function menuOffers(label: string): Promise<void> {
    const page = session.page;
    for (let tries = 0; ; tries++) {
      if (tries === 6) assert.fail(`the status-bar menu never offered "${label}" after the setting changed`);
      await page.locator('.statusbar-item', { hasText: 'Tandem' }).first().click();
      const shown = await page
        .locator('.quick-input-list .monaco-list-row', { hasText: label })
        .first()
        .waitFor({ state: 'visible', timeout: 5_000 })
        .then(() => true, () => false);
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      if (shown) return;
    }
  }

  /**
   * Triggers ghost text until a completion request that `wanted` accepts reaches the model (bounded:
   * a trigger made while the workbench was still busy is lost, so it is made again).
   */
  async function triggerUntil(wanted: () => boolean, what: string): Promise<void> {
    for (let tries = 0; !wanted(); tries++) {
      if (tries === 6) assert.fail(`${what}: no such request after ${tries} triggers; seen ${seenPrompts()}`);
      const next = server.waitForRequests(server.requestsTo('/v1/completions').length + 1, '/v1/completions');
      await runCommand(session.page, 'Trigger Inline Suggestion');
      await Promise.race([next, session.page.waitForTimeout(5_000)]);
    }
  }
  const seenPrompts = () => JSON.stringify(server.requestsTo('/v1/completions').map((r) => String(r.body?.prompt ?? '').slice(-60)));

  /** Completion requests whose prompt ends at the cursor in sub.js (other files may quote sub.js as context). */
  const fromSubJs = () => server.requestsTo('/v1/completions').filter((r) => /function sub\(a, b\) \{\n\s*$/.test(String(r.body?.prompt ?? '')));
  const fromShapesTs = () => server.requestsTo('/v1/completions').filter((r) => !/function sub\(a, b\) \{\n\s*$/.test(String(r.body?.prompt ?? '')));

  /** Asks for ghost text in `file` at line:column. */
  async function askIn(file: string, line: number, column: number): Promise<void> {
    await openFileAt(session.page, file, line, column).catch(async (err: Error) => {
      await screenshot(session.page, 'language-toggle-open');
      throw err;
    });
    await runCommand(session.page, 'Trigger Inline Suggestion');
  }

  it('turns off only the current language, and back on', async () => {
    await openFileAt(session.page, 'src/sub.js', 2, 3);
    await pickInMenu('Turn completions off for javascript');
    await disabledLanguagesBecome(['plaintext', 'javascript']);
    await menuOffers('Turn completions on for javascript');

    server.reset();
    server.onRequest('/v1/completions', () => completionStream('return 0;'));
    await askIn('src/sub.js', 2, 3);
    // TypeScript still asks: its request arriving means the JavaScript one (asked first) would have too.
    await openFileAt(session.page, 'src/shapes.ts', 3, 13);
    await triggerUntil(() => fromShapesTs().length > 0, 'TypeScript asks the model');
    assert.equal(fromSubJs().length, 0, `JavaScript still asked the model: ${seenPrompts()}`);

    await openFileAt(session.page, 'src/sub.js', 2, 3).catch(async (err: Error) => {
      await screenshot(session.page, 'language-toggle-reopen');
      throw err;
    });
    await pickInMenu('Turn completions on for javascript');
    await disabledLanguagesBecome(['plaintext']);
    await menuOffers('Turn completions off for javascript');
    await triggerUntil(() => fromSubJs().length > 0, 'JavaScript asks the model again');
  });
});
