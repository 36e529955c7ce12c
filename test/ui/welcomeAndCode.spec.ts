// The panel's welcome and an answer's code through the real workbench in Chromium, in a dark and a
// light theme: the welcome says the scripted server answers and offers example tasks; a code block is
// highlighted with the theme's own token colours (not one colour, and not the same in both themes),
// labelled with its language, and scrolls sideways instead of wrapping. Screenshots land in
// test-results/ (welcome-dark.png, code-dark.png, welcome-light.png, code-light.png).
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { inWebview, panelSettings, runCommand, screenshot, useThemeKind, waitForWorkbench } from './workbench';

const ANSWER = [
  'Here is the function:',
  '',
  '```ts src/total.ts',
  '// Adds every price, ignoring the ones that are not numbers at all, and rounds to cents.',
  'export function total(prices: number[]): number {',
  '  const sum = prices.filter((p) => Number.isFinite(p)).reduce((a, b) => a + b, 0); // one pass over a long list of prices',
  "  console.log('total', sum);",
  '  return Math.round(sum * 100) / 100;',
  '}',
  '```',
].join('\n');

const keywordColours: Record<string, string> = {};

for (const [name, theme] of [
  ['dark', 'Default Dark Modern'],
  ['light', 'Default Light Modern'],
] as const) {
  describe(`welcome and code blocks (${name} theme)`, function () {
    this.timeout(180_000);
    let server: ModelServer;
    let session: Session;
    let frame: Frame;

    before(async () => {
      server = await ModelServer.start();
      session = await launch({ userSettings: panelSettings(server.url, { 'workbench.colorTheme': theme }) });
      await waitForWorkbench(session.page);
      await useThemeKind(session.page, name === 'dark' ? 'vs-dark' : 'vs');
      await runCommand(session.page, 'Tandem: Open Chat');
      frame = (await inWebview(session.page, '[data-testid=welcome]', 60_000)).frame;
    });
    after(async () => {
      await session?.stop();
      await server?.close();
    });

    it('welcomes an empty panel with the server it found and example tasks', async () => {
      const line = frame.locator('[data-testid=welcome-server][data-state=ok]');
      await line.waitFor({ timeout: 60_000 });
      assert.match(await line.innerText(), /answers with 1 model/);
      assert.equal(await frame.locator('[data-testid=welcome-example]').count(), 4);
      assert.ok(await frame.locator('[data-testid=welcome-connect]').isVisible());
      assert.equal((await frame.locator('[data-testid=model-button]').innerText()).trim(), 'test-model');
      await screenshot(session.page, `welcome-${name}`);
      // An example fills the prompt; it does not send.
      await frame.locator('[data-testid=welcome-example]').first().click();
      assert.match(await frame.locator('[data-testid=prompt]').inputValue(), /Explain how this project is organised/);
      assert.equal(server.requestsTo('/v1/chat/completions').length, 0);
    });

    it('highlights a code block with the theme colours, labels it, and scrolls long lines', async () => {
      server.enqueue('/v1/chat/completions', chatStream(ANSWER));
      const prompt = frame.locator('[data-testid=prompt]');
      await prompt.fill('Write a total function');
      await prompt.press('Enter');
      const block = frame.locator('pre.code');
      await block.locator('.hljs-keyword').first().waitFor({ timeout: 30_000 });
      assert.equal((await block.locator('[data-testid=code-lang]').innerText()).trim(), 'ts');
      assert.match(await block.locator('.code-path').innerText(), /src\/total\.ts/);
      for (const action of ['copy', 'insert', 'apply']) assert.equal(await block.locator(`[data-testid=code-${action}]`).count(), 1, action);
      const look = await block.evaluate((pre) => {
        const code = pre.querySelector('code') as HTMLElement;
        // No named function in here: the page gets the source as it is (tsx would add a helper it lacks).
        const [keyword, string, comment] = ['.hljs-keyword', '.hljs-string', '.hljs-comment'].map((sel) => getComputedStyle(pre.querySelector(sel) as Element).color);
        return {
          keyword,
          string,
          comment,
          plain: getComputedStyle(code).color,
          themeKeyword: getComputedStyle(document.documentElement).getPropertyValue('--vscode-debugTokenExpression-name').trim(),
          scrolls: code.scrollWidth > code.clientWidth,
          whiteSpace: getComputedStyle(code).whiteSpace,
        };
      });
      assert.ok(look.themeKeyword, 'the theme defines the keyword colour variable');
      assert.notEqual(look.keyword, look.plain, 'keywords are coloured');
      assert.notEqual(look.string, look.plain, 'strings are coloured');
      assert.notEqual(look.keyword, look.string);
      assert.equal(look.whiteSpace, 'pre', 'no wrapping mid-statement');
      assert.ok(look.scrolls, 'the long line scrolls sideways in a narrow sidebar');
      keywordColours[name] = look.keyword;
      if (keywordColours.dark && keywordColours.light) assert.notEqual(keywordColours.dark, keywordColours.light, 'the colours follow the theme');
      await block.scrollIntoViewIfNeeded();
      await screenshot(session.page, `code-${name}`);
    });
  });
}
