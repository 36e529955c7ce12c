// Helpers for driving the real VS Code workbench (code-server in Chromium) with Playwright: wait for
// it, open a file at a line and column, run a command, find an element inside a webview, screenshot.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { repoRoot } from '../integration/codeServer';

export const resultsDir = join(repoRoot, 'test-results');

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 90_000 });
  // The extension under test has loaded once its status-bar item shows.
  await page.locator('.statusbar-item', { hasText: 'Tandem' }).first().waitFor({ state: 'visible', timeout: 90_000 });
}

/** Runs a command through the command palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file with Quick Open and puts the cursor at line:column (1-based). */
export async function openFileAt(page: Page, relativePath: string, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`${relativePath}:${line}:${column}`);
  const name = relativePath.split('/').pop()!;
  // Wait until the first row is the file: before the filter applies, it is the last file opened.
  await page.locator('.quick-input-list .monaco-list-row').first().filter({ hasText: name }).waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible' });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

/** Finds an element of a webview's own HTML (webviews are nested iframes); bounded wait. */
export async function inWebview(page: Page, selector: string, timeoutMs = 30_000): Promise<{ frame: Frame; locator: Locator }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const locator = frame.locator(selector);
      if ((await locator.count().catch(() => 0)) > 0) return { frame, locator };
    }
    if (Date.now() > deadline) throw new Error(`no webview element matches ${selector} after ${timeoutMs} ms`);
    await page.waitForTimeout(200);
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Puts the workbench in a dark ('vs-dark') or light ('vs') theme: the browser workbench may start in the
 *  theme of the browser's colour scheme whatever the setting says, so it is toggled when needed. */
export async function useThemeKind(page: Page, kind: 'vs-dark' | 'vs'): Promise<void> {
  const workbench = page.locator('.monaco-workbench');
  const isKind = async () => ((await workbench.getAttribute('class')) ?? '').split(/\s+/).includes(kind);
  if (!(await isKind())) {
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator(`.monaco-workbench.${kind}`).waitFor({ timeout: 30_000 });
  }
  if (!(await isKind())) throw new Error(`The workbench did not switch to the ${kind} theme.`);
}

/** The settings a panel spec starts from: the scripted server and its model, completions off, approval on
 *  every edit ('suggest'); `extra` adds or overrides. */
export function panelSettings(serverUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { 'tandem.baseUrl': serverUrl, 'tandem.chat.model': 'test-model', 'tandem.completion.enabled': false, 'tandem.agent.approval': 'suggest', ...extra };
}

/**
 * Leaves the panel idle: a test that failed midway may have left its task running. The task may also
 * end on its own between the look and the click, and then there is nothing to stop.
 */
export async function stopRunningTask(frame: Frame | undefined): Promise<void> {
  const stop = frame?.locator('[data-testid=stop]');
  if (!frame || !stop || !(await stop.isVisible())) return;
  await stop.click({ timeout: 5_000 }).catch(() => undefined);
  await frame.locator('[data-testid=send]').waitFor({ state: 'visible', timeout: 30_000 });
}

/** Opens the Tandem panel and returns its page once the prompt shows. */
export async function openPanel(page: Page): Promise<Frame> {
  await runCommand(page, 'Tandem: Open Chat');
  return (await inWebview(page, '[data-testid=prompt]', 60_000)).frame;
}

/** Drags the sidebar's edge until it is `width` px wide. */
export async function sidebarWidth(page: Page, width: number): Promise<number> {
  const box = (await page.locator('.part.sidebar').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width + 1, y, { steps: 5 });
  await page.mouse.up();
  return (await page.locator('.part.sidebar').boundingBox())!.width;
}
