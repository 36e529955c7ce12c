// The panel used with the keyboard only, and checked with axe-core, through the real workbench in
// Chromium: @ opens the picker, arrows and Enter pick a file that is then attached; Up recalls the
// last prompt; Tab reaches every step and card with a visible focus ring; a pasted image is sent to a
// vision model; the prompt keeps its text when the panel is hidden and shown; no serious or critical
// accessibility violation in a panel holding messages, steps, a change card and attachments.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { PNG_1X1 } from '../fixtures/images';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openPanel, panelSettings, runCommand, waitForWorkbench } from './workbench';

const CHAT = '/v1/chat/completions';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; any?: Array<{ data: unknown }> }>;
}

describe('panel context, keyboard and accessibility', function () {
  this.timeout(180_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;

  const lastUserText = (n = 0) => {
    const messages = server.requestsTo(CHAT)[n].body.messages as Array<{ role: string; content: unknown }>;
    return messages.filter((m) => m.role === 'user').pop()!.content;
  };
  const answered = (text: string) => frame.locator('[data-testid=message][data-role=assistant]', { hasText: text }).waitFor({ timeout: 30_000 });
  const focused = () => frame.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return { testid: a?.closest('[data-testid]')?.getAttribute('data-testid') ?? '', tag: a?.tagName ?? '', outline: a ? getComputedStyle(a).outlineStyle : 'none' };
  });

  before(async () => {
    server = await ModelServer.start();
    session = await launch({ userSettings: panelSettings(server.url, { 'tandem.chat.model': 'gpt-4o', 'tandem.chat.attachSelection': false }) });
    await waitForWorkbench(session.page);
    frame = await openPanel(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });
  beforeEach(() => server.reset());

  it('picks a file with @, arrows and Enter, sends it attached, and Up recalls the prompt', async () => {
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.focus();
    await prompt.pressSequentially('Compare @math');
    // With "@" alone the list already holds src/math.js (files are listed before a query): the
    // filtered list is the one whose first, active option it is.
    const option = frame.locator('[data-testid=mention-option][aria-selected=true][data-value="src/math.js"]');
    await option.waitFor({ state: 'visible', timeout: 30_000 });
    // The first option is active; arrows move and wrap, Enter picks the active one.
    const active = () => frame.locator('[data-testid=mention-option][aria-selected=true]').getAttribute('data-value');
    assert.equal(await active(), 'src/math.js');
    const count = await frame.locator('[data-testid=mention-option]').count();
    for (let i = 0; i < count; i++) await prompt.press('ArrowDown');
    assert.equal(await active(), 'src/math.js', 'ArrowDown wraps around');
    await prompt.press('Enter');
    assert.equal(await prompt.inputValue(), 'Compare @src/math.js ');
    assert.equal(await frame.locator('[data-testid=mention-list]').isHidden(), true);
    await prompt.pressSequentially('please');
    server.enqueue(CHAT, chatStream('They differ.'));
    await prompt.press('Enter');
    await answered('They differ.');
    assert.match(String(lastUserText()), /<attachment kind="file" source="src\/math\.js">/);
    assert.match(await frame.locator('[data-testid=message][data-role=user] [data-testid=attached]').last().innerText(), /src\/math\.js/);
    await prompt.focus();
    await prompt.press('ArrowUp');
    assert.equal(await prompt.inputValue(), 'Compare @src/math.js please');
    await prompt.press('ArrowDown');
    assert.equal(await prompt.inputValue(), '');
  });

  it('Tab reaches every step and card with a visible focus ring, and axe finds no serious violation', async () => {
    await frame.locator('[data-testid=new-task]').click();
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: 'src/math.js' } }]),
      chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a * b;', new_string: 'return a * b; // product' } }], { text: 'Annotating. ' }),
      chatStream('Done.'),
    );
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill('Annotate multiply');
    await prompt.press('Enter');
    await frame.locator('[data-testid=change]').waitFor({ timeout: 30_000 });
    // Keyboard only from the top of the panel: collect what Tab lands on (the task waits, so Stop is last).
    await frame.locator('[data-testid=history]').focus();
    const reached = new Set<string>();
    const seq: string[] = [];
    for (let i = 0; i < 40; i++) {
      await frame.locator(':focus').press('Tab');
      const f = await focused();
      if (f.testid) reached.add(f.testid);
      seq.push(`${f.testid}/${f.tag}/${f.outline}`);
      assert.notEqual(f.outline, 'none', `focus on ${f.testid || f.tag} is visible (${seq.join(' > ')})`);
      if (f.testid === 'stop') break;
    }
    for (const want of ['new-task', 'tool-step', 'change', 'approve', 'reject', 'view-diff', 'prompt', 'stop']) assert.ok(reached.has(want), `Tab reaches ${want} (reached: ${[...reached].join(', ')})`);
    // A step opens with the keyboard.
    const step = frame.locator('[data-testid=tool-step] summary').first();
    await step.press('Enter');
    assert.equal(await frame.locator('[data-testid=tool-step]').first().locator('details').evaluate((d) => (d as HTMLDetailsElement).open), true);

    await frame.evaluate(AXE);
    const violations = await frame.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => [n.target, n.any?.[0]?.data]) }));
    });
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], JSON.stringify(bad, null, 1));
    await frame.locator('[data-testid=approve]').press('Enter');
    await answered('Done.');
  });

  it('sends a pasted image to the vision model and shows it as a removable thumbnail first', async () => {
    // The last test's task ends a moment after its answer shows (its checkpoint is written last): a
    // New task before that asks to stop it, and an image cannot be queued into a running task.
    await frame.locator('[data-testid=send]').waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('[data-testid=new-task]').click();
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill('What is this?');
    await prompt.evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dot.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, PNG_1X1.toString('base64'));
    await frame.locator('[data-testid=image-chip]').waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('[data-testid=remove-image]').getAttribute('aria-label'), 'Remove the image dot.png');
    server.enqueue(CHAT, chatStream('A single dot.'));
    await prompt.press('Enter');
    await answered('A single dot.');
    const content = lastUserText() as Array<{ type: string; image_url?: { url: string } }>;
    assert.equal(content[1].type, 'image_url');
    assert.equal(content[1].image_url?.url, `data:image/png;base64,${PNG_1X1.toString('base64')}`);
    assert.equal(await frame.locator('[data-testid=image-chip]').count(), 0, 'the tray is empty after sending');
  });

  it('folds a long message to a few lines and unfolds it with the keyboard', async () => {
    await frame.locator('[data-testid=new-task]').click();
    const long = Array.from({ length: 40 }, (_, i) => `log line ${i + 1}`).join('\n');
    server.enqueue(CHAT, chatStream('Read the log.'));
    await frame.locator('[data-testid=prompt]').fill(long);
    await frame.locator('[data-testid=prompt]').press('Enter');
    await answered('Read the log.');
    const msg = frame.locator('[data-testid=message][data-role=user]').last();
    const height = () => msg.locator('.text').evaluate((e) => e.getBoundingClientRect().height);
    const folded = await height();
    const fold = msg.locator('[data-testid=fold]');
    assert.equal(await fold.getAttribute('aria-expanded'), 'false');
    await fold.press('Enter');
    await frame.locator('[data-testid=message][data-role=user] [data-testid=fold][aria-expanded=true]').waitFor({ timeout: 10_000 });
    assert.ok((await height()) > folded * 2, 'unfolded shows every line');
    assert.ok(String(lastUserText()).includes('log line 40'), 'the model still gets the whole message');
  });

  it('keeps the prompt text when the panel is hidden and shown', async () => {
    await frame.locator('[data-testid=prompt]').fill('a draft I am still writing');
    await runCommand(session.page, 'View: Toggle Primary Side Bar Visibility');
    await session.page.locator('#workbench\\.parts\\.sidebar').waitFor({ state: 'hidden', timeout: 15_000 });
    frame = await openPanel(session.page);
    await frame.locator('[data-testid=prompt]').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await frame.locator('[data-testid=prompt]').inputValue(), 'a draft I am still writing');
  });
});
