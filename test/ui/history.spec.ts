// The task history view through the real workbench in Chromium: the header's History button opens it;
// tasks are grouped by day with their time, and two tasks with the same title never look the same;
// the search box finds tasks by title and by message text in any case; F2 renames inline (a blank
// name is refused with a message, Escape cancels, Enter saves); Delete asks, saying the change log
// stays, then removes the task; arrows and Enter open a task; Escape returns. Axe finds no serious
// violation, and a screenshot of the view in a 300 px sidebar is kept. With hundreds of tasks the
// first 100 are drawn and more on request (End and search still reach every task).
import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openPanel, panelSettings, screenshot, sidebarWidth, waitForWorkbench } from './workbench';

const CHAT = '/v1/chat/completions';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LONG = 'Payment retries: refactor the payment module so that every provider (cards, wallets, bank transfers, vouchers) shares one retry policy, one error type and one log format';

/** The workspace's task history folder under code-server's user data (workspaceStorage/<hash>/<extension>/tasks). */
function tasksFolder(tempDir: string): string {
  const storage = join(tempDir, 'user-data', 'User', 'workspaceStorage');
  for (const hash of readdirSync(storage)) {
    const dir = join(storage, hash, 'tandem-dev.tandem', 'tasks');
    try {
      if (readdirSync(dir).length > 0) return dir;
    } catch {
      // not this workspace's folder
    }
  }
  throw new Error(`no task history under ${storage}`);
}

describe('task history view in the workbench', function () {
  this.timeout(240_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;

  const items = () => frame.locator('[data-testid=history-item]');
  const names = () => frame.locator('[data-testid=history-item] .task-name').allInnerTexts();
  const task = async (text: string, answer: string) => {
    await frame.locator('[data-testid=new-task]').click();
    server.enqueue(CHAT, chatStream(answer));
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill(text);
    await prompt.press('Enter');
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: answer }).waitFor({ timeout: 30_000 });
  };
  const until = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await frame.waitForTimeout(100);
    }
  };

  before(async () => {
    server = await ModelServer.start();
    session = await launch({ userSettings: panelSettings(server.url, { 'tandem.chat.attachSelection': false }) });
    await waitForWorkbench(session.page);
    frame = await openPanel(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });

  it('lists, searches, renames, deletes and opens tasks, by mouse and keyboard', async () => {
    await task('Parser cleanup', 'I tidied the Tokenizer.');
    await task('Fix tests', 'First pass on the tests.');
    await task('Fix tests', 'Second pass on the tests.');
    await task('Payment module', 'Planned the retry policy.');
    await task('Write docs', 'Docs written.');

    // A damaged entry (written by hand, as a crash or another tool might): skipped with a note when the view opens.
    const stored = tasksFolder(session.tempDir);
    mkdirSync(join(stored, 'damaged_task'));
    writeFileSync(join(stored, 'damaged_task', 'meta.json'), '{"id": "damaged_task", "ti');
    await frame.locator('[data-testid=history]').click();
    const view = frame.locator('[data-testid=history-view]');
    await view.waitFor({ state: 'visible' });
    await frame.locator('[data-testid=history-notes] .note', { hasText: 'could not be read and is not listed' }).waitFor({ timeout: 15_000 });
    rmSync(join(stored, 'damaged_task'), { recursive: true });
    assert.equal(await frame.locator('[data-testid=prompt]').isVisible(), false, 'the history replaces the conversation');
    await until(async () => (await items().count()) === 5, 'five tasks');
    assert.deepEqual(await frame.locator('.history-day').allInnerTexts().then((h) => h.map((x) => x.toLowerCase())), ['today']);
    assert.match(await frame.locator('[data-testid=history-when]').first().innerText(), /^today \d\d:\d\d/);
    const rows = await frame.locator('[data-testid=history-open]').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).innerText.replace(/\s+/g, ' ')));
    assert.equal(new Set(rows).size, rows.length, `no two tasks look the same: ${rows.join(' | ')}`);
    const width = await sidebarWidth(session.page, 300);
    assert.ok(Math.abs(width - 300) < 20, `sidebar is ${width} px`);

    // Search: the title at once, message text from the extension, any case.
    const search = frame.locator('[data-testid=history-search]');
    await search.fill('TOKENIZER');
    await until(async () => JSON.stringify(await names()) === JSON.stringify(['Parser cleanup']), 'a message-text match');
    await search.fill('fix');
    await until(async () => (await items().count()) === 2, 'the two Fix tests');
    await search.fill('no such thing anywhere');
    await until(async () => (await items().count()) === 0, 'no match');
    assert.match(await frame.locator('[data-testid=history-count]').innerText(), /No task matches/);
    await search.press('Escape');
    await until(async () => (await items().count()) === 5, 'the search cleared');

    // Keyboard: Down from the search box to the first task, Down again, F2 renames.
    await search.press('ArrowDown');
    await frame.locator(':focus').press('ArrowDown');
    const target = (await frame.locator(':focus').getAttribute('data-task'))!;
    await frame.locator(':focus').press('F2');
    const input = frame.locator('[data-testid=history-rename-input]');
    await input.waitFor();
    await input.fill('   ');
    await input.press('Enter');
    await frame.locator('[data-testid=history-rename-error]').waitFor();
    assert.match(await frame.locator('[data-testid=history-rename-error]').innerText(), /needs a name/);
    await input.fill('Should not stick');
    await input.press('Escape');
    await until(async () => (await input.count()) === 0, 'rename cancelled');
    assert.ok(!(await names()).includes('Should not stick'));
    assert.equal(await frame.locator(':focus').getAttribute('data-task'), target, 'focus back on the task');
    await frame.locator(':focus').press('F2');
    await input.fill(LONG);
    await input.press('Enter');
    await until(async () => (await names()).includes(LONG), 'the new name');
    // The long name is kept whole (tooltip) and ellipsised on screen.
    const long = frame.locator(`[data-testid=history-open][data-task="${target}"]`);
    assert.equal(await long.getAttribute('title'), LONG);
    assert.ok(await long.locator('.task-name').evaluate((e) => e.scrollWidth > e.clientWidth), 'the long name is ellipsised');
    await screenshot(session.page, 'task-history');

    // Delete asks first (the change log stays), then the task is gone.
    const before = await items().count();
    await frame.locator(`[data-testid=history-open][data-task="${target}"]`).focus();
    await frame.locator(':focus').press('Delete');
    const confirm = frame.locator('[data-testid=history-delete-confirm]');
    await confirm.waitFor();
    assert.match(await frame.locator('.task-confirm').innerText(), /change log in \.tandem\/ keeps its entries/);
    await frame.locator(':focus').press('Escape');
    await until(async () => (await confirm.count()) === 0, 'delete cancelled');
    assert.equal(await items().count(), before);
    await frame.locator(`[data-testid=history-delete][data-task="${target}"]`).click();
    await confirm.click();
    await until(async () => (await items().count()) === before - 1, 'the task deleted');
    assert.ok(!(await names()).includes(LONG));

    await frame.evaluate(AXE);
    const violations = await frame.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) }));
    });
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], JSON.stringify(bad, null, 1));

    // Enter on a task opens it; Escape from the list goes back without changing the task.
    await frame.locator('[data-testid=history-open]', { hasText: 'Parser cleanup' }).focus();
    await frame.locator(':focus').press('Enter');
    await view.waitFor({ state: 'hidden' });
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'I tidied the Tokenizer.' }).waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('[data-testid=task-title]').innerText(), 'Parser cleanup');
    await frame.locator('[data-testid=history]').click();
    await view.waitFor({ state: 'visible' });
    await frame.locator('[data-testid=history-search]').press('Escape');
    await view.waitFor({ state: 'hidden' });
    assert.equal(await frame.locator('[data-testid=task-title]').innerText(), 'Parser cleanup');
    assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'history', 'focus returns to the History button');
  });

  it('with hundreds of tasks draws the first 100, shows more on request, End reaches the last, and search finds message text', async () => {
    if (await frame.locator('[data-testid=history-view]').isVisible()) await frame.locator('[data-testid=history-back]').click();
    const stored = tasksFolder(session.tempDir);
    const before = readdirSync(stored).length;
    const now = Date.now();
    for (let i = 0; i < 300; i++) {
      const id = `bulk_${i}`;
      mkdirSync(join(stored, id));
      const items = [{ kind: 'user', id: 'u', text: i === 250 ? 'Where is the flamingo handler?' : `Question ${i}` }];
      writeFileSync(join(stored, id, 'task.json'), JSON.stringify({ items, session: null }));
      writeFileSync(join(stored, id, 'meta.json'), JSON.stringify({ id, title: `Bulk task ${i}`, created: now - (i + 10) * 3_600_000, updated: now - (i + 10) * 3_600_000 }));
    }
    await frame.locator('[data-testid=history]').click();
    await frame.locator('[data-testid=history-count]', { hasText: `${before + 300} tasks` }).waitFor({ timeout: 30_000 });
    assert.equal(await items().count(), 100);
    assert.match(await frame.locator('[data-testid=history-more]').innerText(), /Show 200 more/);
    await frame.locator('[data-testid=history-more]').click();
    await until(async () => (await items().count()) === 300, 'two hundred more');
    assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-task')), (await items().nth(100).getAttribute('data-task')) ?? '', 'focus on the first new task');
    await frame.locator(':focus').press('End');
    await until(async () => (await items().count()) === before + 300, 'every task drawn');
    assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-task')), 'bulk_299');
    const search = frame.locator('[data-testid=history-search]');
    await search.fill('FLAMINGO');
    await until(async () => JSON.stringify(await names()) === JSON.stringify(['Bulk task 250']), 'the message-text match among hundreds');
    await search.press('Escape');
    await frame.locator('[data-testid=history-back]').click();
  });

  it('New task with a pending card asks in the panel; Keep working leaves it, Stop opens an empty task', async () => {
    if (await frame.locator('[data-testid=history-view]').isVisible()) await frame.locator('[data-testid=history-back]').click();
    await frame.locator('[data-testid=new-task]').click();
    server.enqueue(CHAT, chatToolCallStream([{ id: 'n1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a * b;', new_string: 'return a * b; // ui' } }]), chatStream('Edited.'));
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill('Annotate multiply from the UI');
    await prompt.press('Enter');
    await frame.locator('[data-testid=change]').waitFor({ timeout: 30_000 });
    await frame.locator('[data-testid=new-task]').click();
    const question = frame.locator('[data-testid=new-task-question]');
    await question.waitFor({ state: 'visible' });
    assert.match(await question.innerText(), /Its pending change will be rejected; nothing is written/);
    await screenshot(session.page, 'new-task-question');
    await frame.locator('[data-testid=new-task-cancel]').click();
    await question.waitFor({ state: 'hidden' });
    assert.equal(await frame.locator('[data-testid=change]').count(), 1, 'No changes nothing');
    // Escape is "Keep working" too.
    await frame.locator('[data-testid=new-task]').click();
    await question.waitFor({ state: 'visible' });
    assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'new-task-confirm');
    await frame.locator(':focus').press('Escape');
    await question.waitFor({ state: 'hidden' });
    await frame.locator('[data-testid=change]').click({ position: { x: 5, y: 5 } });
    assert.equal(await frame.locator('[data-testid=change]').count(), 1, 'Escape changes nothing');
    assert.equal(await frame.locator('[data-testid=stop]').isVisible(), true, 'the task still runs');
    await frame.locator('[data-testid=new-task]').click();
    await question.waitFor({ state: 'visible' });
    await frame.locator(':focus').press('Enter');
    await question.waitFor({ state: 'hidden' });
    await until(async () => (await frame.locator('[data-testid=change]').count()) === 0 && (await frame.locator('[data-testid=message]').count()) === 0, 'an empty task');
    assert.equal(await frame.locator('[data-testid=task-title]').innerText(), 'New task');
    assert.doesNotMatch(readFileSync(`${session.workspace}/src/math.js`, 'utf8'), /\/\/ ui/);
  });
});
