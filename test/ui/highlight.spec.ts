// Code blocks in the agent panel, through the real workbench and the webview's CSP: languages in
// main.js are coloured at once; a language from the lazily loaded languages.js (CSS here) is coloured
// once that script has loaded, and an unknown language stays plain, escaped text.
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openPanel, waitForWorkbench } from './workbench';

describe('code blocks in the agent panel', function () {
  this.timeout(180_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;

  before(async () => {
    server = await ModelServer.start();
    session = await launch({ userSettings: { 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.completion.enabled': false } });
    await waitForWorkbench(session.page);
    frame = await openPanel(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });

  it('colours TypeScript at once, CSS after languages.js loads, and leaves an unknown language plain', async () => {
    const answer = ['```ts', 'const answer: number = 42;', '```', '', '```css', '.card > a:hover { color: red; }', '```', '', '```nosuchlang', '<b>kept as text</b>', '```', '', 'END'].join('\n');
    server.enqueue('/v1/chat/completions', chatStream(answer));
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill('Show code');
    await prompt.press('Enter');
    const msg = frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'END' }).last();
    await msg.waitFor({ timeout: 60_000 });
    const blocks = msg.locator('code.hljs');
    assert.equal(await blocks.count(), 3);
    assert.ok((await blocks.nth(0).locator('.hljs-keyword').count()) > 0, 'TypeScript keywords are coloured');
    // languages.js arrives through a <script> with the page's nonce, then the panel renders again.
    await msg.locator('code.hljs .hljs-selector-pseudo').first().waitFor({ timeout: 30_000 });
    const css = await frame.evaluate(() => document.querySelectorAll('script[src$="languages.js"]').length);
    assert.equal(css, 1, 'languages.js loaded once');
    const plain = msg.locator('code.hljs').nth(2);
    assert.equal(await plain.locator('span').count(), 0);
    assert.equal(await plain.innerText(), '<b>kept as text</b>\n');
    assert.equal(await msg.locator('b').count(), 0);
  });
});
