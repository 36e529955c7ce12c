// Daily use of the panel in a 300 px sidebar (issue 25), through the real workbench in Chromium:
// - both themes: a turn that edits a file and runs a command ends with a summary whose "last command
//   passed" passes axe's color-contrast rule (WCAG AA), and a long user message's edit / restore icons
//   never cover its text;
// - dark: a change of several hunks is decided hunk by hunk — one from the diff editor's title bar with
//   default settings (which show no CodeLens there; the diff says which hunk is decided), one on the
//   card with the keyboard, focus then moving to the next card the agent asks with — and the model is
//   told which hunk was rejected; the diff wraps long lines and marks the changed characters (axe's
//   contrast rule on the marks); the plan and the card fold so the conversation keeps most of the panel;
//   editing an earlier message and pressing Escape at the confirmation keeps the draft; a "model not
//   found" error bubble offers Connect, which opens the Connect picker.
// Screenshots: test-results/daily-<theme>.png, daily-hunks.png, daily-hunks-diff.png.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream, httpError } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openPanel, panelSettings, screenshot, sidebarWidth, stopRunningTask, useThemeKind, waitForWorkbench } from './workbench';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHAT = '/v1/chat/completions';

async function contrastViolations(frame: Frame): Promise<unknown[]> {
  await frame.evaluate(AXE);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown; any?: Array<{ data?: unknown }> }> }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => [n.target, n.any?.[0]?.data]));
  });
}

const LONG_MESSAGE = 'Annotate multiply with a comment that says what it returns, then run the quick check so we know the module still loads; keep add exactly as it is.';

for (const [name, theme] of [
  ['dark', 'Default Dark Modern'],
  ['light', 'Default Light Modern'],
] as const) describe(`daily use in a 300 px panel (${name} theme)`, function () {
  this.timeout(240_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;
  const prompt = () => frame.locator('[data-testid=prompt]');
  const sendTask = async (text: string) => {
    await prompt().fill(text);
    await prompt().press('Enter');
  };

  before(async () => {
    server = await ModelServer.start();
    session = await launch({ userSettings: panelSettings(server.url, { 'workbench.colorTheme': theme }) });
    await waitForWorkbench(session.page);
    await useThemeKind(session.page, name === 'dark' ? 'vs-dark' : 'vs');
    frame = await openPanel(session.page);
    const width = await sidebarWidth(session.page, 300);
    assert.ok(Math.abs(width - 300) < 20, `sidebar is ${width} px`);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });
  beforeEach(async () => {
    server.reset();
    // Each test starts from an idle panel.
    await stopRunningTask(frame);
  });

  it('ends a turn with a passed command whose verdict meets WCAG AA, and keeps the message icons off its text', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'd1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a * b;', new_string: 'return a * b; // product' } }]),
      chatToolCallStream([{ id: 'd2', name: 'run_command', arguments: { command: 'node -e "require(\'./src/math.js\')"' } }]),
      chatStream('Done: multiply is annotated and the module loads.'),
    );
    await sendTask(LONG_MESSAGE);
    await frame.locator('[data-testid=approve]').click({ timeout: 60_000 });
    await frame.locator('[data-testid=command-approval] [data-testid=run]').click({ timeout: 60_000 });
    const check = frame.locator('[data-testid=summary-check][data-passed=true]');
    await check.waitFor({ timeout: 60_000 });
    assert.match(await check.innerText(), /last command passed/);
    await frame.locator('[data-testid=send]').waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(session.page, `daily-${name}`);
    assert.deepEqual(await contrastViolations(frame), [], 'axe color-contrast');

    // The first message's edit / restore icons and its text: no rectangle of one meets one of the other.
    const message = frame.locator('[data-testid=message][data-role=user]').first();
    await message.locator('[data-testid=edit-message]').waitFor();
    const overlaps = await message.evaluate((m) => {
      const text = m.querySelector('.text')!;
      const range = document.createRange();
      range.selectNodeContents(text);
      const lines = Array.from(range.getClientRects());
      const icons = Array.from(m.querySelectorAll('.msg-actions button')).map((b) => b.getBoundingClientRect());
      const hits: string[] = [];
      for (const i of icons) for (const l of lines) if (i.left < l.right - 1 && l.left < i.right - 1 && i.top < l.bottom - 1 && l.top < i.bottom - 1) hits.push(`icon ${i.left},${i.top} over text ${l.left}-${l.right},${l.top}`);
      return { hits, lines: lines.length, icons: icons.length };
    });
    assert.equal(overlaps.icons, 2);
    assert.ok(overlaps.lines > 2, `the message wraps (${overlaps.lines} line boxes)`);
    assert.deepEqual(overlaps.hits, []);
  });

  if (name === 'dark') {
    it('keeps the draft when Escape cancels the confirmation of an edited message', async () => {
      const edit = frame.locator('[data-testid=message][data-role=user] [data-testid=edit-message]').first();
      await edit.click();
      assert.equal(await prompt().inputValue(), LONG_MESSAGE);
      await prompt().press('End');
      await prompt().pressSequentially(' Also keep the tests green.');
      const draft = `${LONG_MESSAGE} Also keep the tests green.`;
      await prompt().press('Enter');
      const picker = session.page.locator('.quick-input-widget');
      await picker.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
      await session.page.keyboard.press('Escape');
      await picker.waitFor({ state: 'hidden', timeout: 10_000 });
      assert.equal(await prompt().inputValue(), draft, 'the edited text is still in the prompt');
      assert.ok(await frame.locator('[data-testid=editing-bar]').isVisible(), 'still editing the earlier message');
      assert.equal(server.requestsTo(CHAT).length, 0, 'nothing was sent');
      await frame.locator('[data-testid=cancel-edit]').click();
      await frame.locator('[data-testid=new-task]').click();
      await frame.locator('[data-testid=message]').first().waitFor({ state: 'detached', timeout: 30_000 });
    });

    it('decides a change hunk by hunk in the diff editor and on the card, wrapped and with the changed characters marked', async () => {
      const file = join(session.workspace, 'src', 'greet.js');
      const long = "  return `Hello, ${user.firstName} ${user.lastName}! You have ${user.unread} unread messages and ${user.tasks} open tasks today.`;";
      const old = ['// Greets a user.', 'function greet(user) {', long, '}', '', '', '', '', '', '', '', 'function bye(user) {', "  return 'Bye ' + user.firstName;", '}', '', 'module.exports = { greet, bye };', ''].join('\n');
      writeFileSync(file, old);
      const proposed = old.replace('open tasks today.`', 'open tasks this week.`').replace("'Bye ' + user.firstName", "'Goodbye ' + user.firstName");
      server.enqueue(
        CHAT,
        chatToolCallStream([{ id: 'h1', name: 'write_file', arguments: { path: 'src/greet.js', content: proposed } }]),
        chatToolCallStream([{ id: 'h2', name: 'run_command', arguments: { command: 'node -e "require(\'./src/greet.js\')"' } }]),
        chatStream('Kept the greeting change only.'),
      );
      await sendTask('Say week instead of today, and Goodbye');
      const card = frame.locator('[data-testid=change]');
      const hunks = card.locator('[data-testid=hunk]');
      await hunks.first().waitFor({ timeout: 60_000 });
      assert.equal(await hunks.count(), 2);
      assert.equal((await card.locator('[data-testid=hunk-count]').innerText()).trim(), '0 of 2 hunks decided');
      // The long line wraps inside the card, and the changed word is marked.
      const pre = hunks.first().locator('pre.diff');
      assert.ok(await pre.evaluate((p) => p.scrollWidth <= p.clientWidth + 1), 'no sideways scrolling in a 300 px panel');
      assert.equal((await pre.locator('[data-testid=changed-inserted]').innerText()).trim(), 'this week');
      assert.equal((await pre.locator('[data-testid=changed-removed]').innerText()).trim(), 'today');
      const markBox = (await pre.locator('[data-testid=changed-inserted]').boundingBox())!;
      const preBox = (await pre.boundingBox())!;
      assert.ok(markBox.x + markBox.width <= preBox.x + preBox.width + 1, 'the change shows inside the card');
      await screenshot(session.page, 'daily-hunks');
      assert.deepEqual(await contrastViolations(frame), [], 'axe color-contrast on the hunks and their marks');

      // In the diff editor, with default settings (no CodeLens there): the title bar's Approve Hunk at Cursor.
      const page = session.page;
      await card.locator('[data-testid=view-diff]').click();
      const diffEditor = page.locator('.monaco-diff-editor');
      const modified = diffEditor.locator('.editor.modified');
      await modified.locator('.view-line', { hasText: 'this week' }).waitFor({ timeout: 30_000 });
      assert.equal(await diffEditor.locator('.codelens-decoration').count(), 0, 'no CodeLens in a diff editor with default settings');
      await modified.locator('.view-line', { hasText: 'this week' }).click();
      await page.locator('.editor-actions .action-label[aria-label="Approve Hunk at Cursor"]').first().click();
      await hunks.nth(0).locator('[data-testid=hunk-verdict]', { hasText: 'Approved' }).waitFor({ timeout: 30_000 });
      assert.equal((await card.locator('[data-testid=hunk-count]').innerText()).trim(), '1 of 2 hunks decided');
      // The diff says which hunk is decided and which still waits, on each hunk's first line.
      const notes = () => modified.evaluate((m) => Array.from(m.querySelectorAll('.view-lines span')).map((e) => getComputedStyle(e, '::after').content).filter((c) => c.includes('hunk')));
      for (let i = 0; i < 50 && !(await notes()).some((n) => n.includes('hunk 1 of 2 approved')); i++) await page.waitForTimeout(100);
      const said = (await notes()).join(' | ');
      assert.match(said, /✓ hunk 1 of 2 approved/);
      assert.match(said, /hunk 2 of 2 waiting/);
      await screenshot(page, 'daily-hunks-diff');

      // Back in the panel, with the keyboard: Reject hunk 2; the card goes and the next card the agent asks with takes focus.
      await hunks.nth(1).locator('[data-testid=reject-hunk]').press('Enter');
      await card.waitFor({ state: 'detached', timeout: 30_000 });
      const run = frame.locator('[data-testid=command-approval] [data-testid=run]');
      await run.waitFor({ timeout: 60_000 });
      await frame.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'run', undefined, { timeout: 10_000 });
      await page.keyboard.press('Enter');
      await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'Kept the greeting change only.' }).waitFor({ timeout: 60_000 });
      assert.equal(readFileSync(file, 'utf8'), old.replace('open tasks today.`', 'open tasks this week.`'), 'only the approved hunk is on disk');
      const toolResult = (server.requestsTo(CHAT)[1].body.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'tool').pop()!.content;
      assert.match(toolResult, /Rejected hunk 2 of 2 in src\/greet\.js/);
    });

    it('offers Connect on the error bubble of a model the server does not have', async () => {
      await frame.locator('[data-testid=new-task]').click();
      server.enqueue(CHAT, httpError(404, 'The model `test-model` does not exist'));
      await sendTask('Say hello');
      const bubble = frame.locator('[data-testid=server-error][data-state=failed]');
      await bubble.waitFor({ timeout: 60_000 });
      for (const id of ['retry-failed', 'connect', 'open-settings', 'show-log']) assert.ok(await bubble.locator(`[data-testid=${id}]`).isVisible(), id);
      await bubble.locator('[data-testid=connect]').click();
      const picker = session.page.locator('.quick-input-widget');
      await picker.locator('.quick-input-title', { hasText: 'Connect to a model server' }).waitFor({ state: 'visible', timeout: 30_000 });
      await session.page.keyboard.press('Escape');
      await picker.waitFor({ state: 'hidden', timeout: 10_000 });
    });

    it('folds the plan and a change card so the conversation keeps most of the panel', async () => {
      await frame.locator('[data-testid=new-task]').click();
      const steps = ['Read math.js', 'Annotate multiply', 'Annotate add', 'Run the tests', 'Summarise the change'].map((step, i) => ({ step, status: i === 0 ? 'done' : i === 1 ? 'in_progress' : 'pending' }));
      server.enqueue(
        CHAT,
        chatToolCallStream([{ id: 'p1', name: 'update_plan', arguments: { plan: steps } }], { text: 'Here is the plan. ' }),
        chatToolCallStream([{ id: 'p2', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a + b;', new_string: 'return a + b; // sum' } }]),
        chatStream('Done.'),
      );
      await sendTask('Annotate add and multiply, following a plan');
      await frame.locator('[data-testid=change] [data-testid=approve]').waitFor({ timeout: 60_000 });
      await frame.locator('[data-testid=plan]').waitFor();
      const logHeight = () => frame.locator('.log').evaluate((l) => l.getBoundingClientRect().height);
      const panelHeight = await frame.evaluate(() => window.innerHeight);
      const before = await logHeight();
      await frame.locator('[data-testid=plan] [data-testid=fold-pinned]').click();
      await frame.locator('[data-testid=change] [data-testid=fold-pinned]').click();
      const after = await logHeight();
      assert.ok(after > before, `folding gives the conversation room (${before} → ${after} px)`);
      assert.ok(after >= panelHeight * 0.4, `the conversation keeps ${after} of ${panelHeight} px`);
      // Folded, the card still offers its decision; a fold survives the next render.
      assert.ok(await frame.locator('[data-testid=change] [data-testid=approve]').isVisible());
      assert.equal(await frame.locator('[data-testid=change] pre.diff').isVisible(), false);
      await frame.locator('[data-testid=change] [data-testid=approve]').click();
      await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'Done.' }).waitFor({ timeout: 60_000 });
      assert.equal(await frame.locator('[data-testid=plan] [data-testid=fold-pinned]').getAttribute('aria-expanded'), 'false');
    });
  }
});
