// Through the real workbench in Chromium: after the user renames a parameter, the next edit the
// scripted model proposes is drawn at its place — the removed text struck through, the inserted text
// ghost-like, an arrow in the gutter, a hint at the cursor line — in the light and the dark theme,
// and the real Tab key jumps to it and applies it.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { completionStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openFileAt, screenshot, useThemeKind, waitForWorkbench } from './workbench';

const BEFORE = ['function area(w, h) {', '  const size = w * h;', '  return size;', '}', ''].join('\n');
const PROPOSED = BEFORE.replace(/\bw\b/g, 'cols');

/**
 * What the decorations look like: struck-through text, the texts VS Code draws after a range (CSS
 * ::after content — the inserted text and the hint are not DOM text) with their colour and style,
 * and the gutter arrows.
 */
async function decorations(page: Page): Promise<{ struck: string[]; after: Array<{ text: string; color: string; italic: boolean }>; arrows: number }> {
  return page.evaluate(() => {
    const spans = Array.from(document.querySelectorAll<HTMLElement>('.monaco-editor .view-lines span'));
    const struck = spans.filter((s) => getComputedStyle(s).textDecorationLine.includes('line-through') && s.children.length === 0).map((s) => s.textContent ?? '');
    const after = spans
      .map((s) => getComputedStyle(s, '::after'))
      .filter((st) => st.content && st.content !== 'none' && st.content !== 'normal')
      .map((st) => ({ text: st.content.replace(/^"|"$/g, '').replace(/\\/g, ''), color: st.color, italic: st.fontStyle === 'italic' }));
    const arrows = Array.from(document.querySelectorAll('.monaco-editor .margin *')).filter((e) => /svg/.test(getComputedStyle(e).backgroundImage)).length;
    return { struck, after, arrows };
  });
}

/** Waits until an ::after text matching `re` is drawn; bounded. */
async function waitForAfter(page: Page, re: RegExp, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await decorations(page)).after.some((a) => re.test(a.text))) {
    if (Date.now() > deadline) throw new Error(`no decoration text matching ${re} after ${ms} ms`);
    await page.waitForTimeout(200);
  }
}

describe('next edit suggestions in the workbench', function () {
  this.timeout(180_000);
  let server: ModelServer;
  let session: Session;

  before(async () => {
    server = await ModelServer.start();
    server.onRequest('/v1/completions', (r) =>
      completionStream(String(r.body?.prompt).includes('function area(cols') ? `<|editable_region_start|>\n${PROPOSED}\n<|editable_region_end|>` : 'nothing to suggest'),
    );
    session = await launch({
      userSettings: {
        'tandem.baseUrl': server.url,
        'tandem.completion.enabled': false,
        'tandem.nextEdit.enabled': true,
        'tandem.nextEdit.model': 'zeta',
        'tandem.nextEdit.debounceMs': 0,
      },
    });
    writeFileSync(join(session.workspace, 'src', 'area.js'), BEFORE);
    await waitForWorkbench(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });

  it('draws the edit at its place in light and dark, and Tab, Tab applies it', async () => {
    const page = session.page;
    await useThemeKind(page, 'vs');
    await openFileAt(page, 'src/area.js', 1, 16);
    // Rename the parameter w → cols as the user would: select it and type.
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.type('cols', { delay: 30 });
    const hint = /Tab to jump to the next edit \(line 2\)/;
    await waitForAfter(page, hint, 60_000).catch(async (err: Error) => {
      await screenshot(page, 'next-edit-missing');
      const last = server.requests.at(-1)?.body?.prompt;
      throw new Error(`${err.message}\n${server.requests.length} requests; the last prompt:\n${last}`);
    });
    const light = await decorations(page);
    await screenshot(page, 'next-edit-light');
    assert.deepEqual(light.struck, ['w'], 'the removed text is struck through');
    const inserted = (d: typeof light) => d.after.find((a) => a.text === 'cols' && a.italic);
    assert.ok(inserted(light), 'the inserted text shows at its place, in italics');
    assert.ok(light.arrows >= 1, 'an arrow in the gutter');

    await useThemeKind(page, 'vs-dark');
    await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 200, y: 5 } });
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await waitForAfter(page, hint, 10_000);
    const dark = await decorations(page);
    await screenshot(page, 'next-edit-dark');
    assert.deepEqual(dark.struck, ['w']);
    assert.ok(inserted(dark) && dark.arrows >= 1);
    assert.notEqual(inserted(dark)!.color, inserted(light)!.color, 'the inserted text takes the theme colour');

    await page.keyboard.press('Tab');
    await waitForAfter(page, /Tab to accept the edit/, 10_000);
    await page.keyboard.press('Tab');
    const done = page.locator('.view-line', { hasText: /const\ssize\s=\scols\s\*\sh;/ });
    await done.first().waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /function area\(cols, h\) \{\s+const size = cols \* h;\s+return size;\s+\}/);
    // The decorations go in a message after the edit's: wait for them to be cleared, bounded.
    const deadline = Date.now() + 10_000;
    while ((await decorations(page)).struck.length > 0 && Date.now() < deadline) await page.waitForTimeout(200);
    await screenshot(page, 'next-edit-applied');
    assert.deepEqual((await decorations(page)).struck, [], 'the suggestion is gone once applied');
  });
});
