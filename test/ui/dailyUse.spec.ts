// Rough edges a daily Copilot/Cline user meets in the panel (issue 25), through the real workbench in
// Chromium: a refusal ("the attached image was not sent") leaves with the next send and with a new
// task; images attach from a file picker button; the @ picker offers folders and the open file first
// and never Tandem's own files; the selection chip plus an @-mention of the same file attach it once;
// /compact closes its hint, says what it kept and leaves the meter in the same unit; a command step
// says "waiting for approval", streams its output while it runs and shows the command as the user
// edited it; each new command brings the Tandem terminal to the front of the bottom panel without
// taking the focus; best of k fits a 300 px panel, counts its tokens and is back at one attempt afterwards.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { PNG_1X1 } from '../fixtures/images';
import { ModelServer, type RecordedRequest, type Reply } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openFileAt, openPanel, panelSettings, runCommand, sidebarWidth, waitForWorkbench } from './workbench';

const CHAT = '/v1/chat/completions';
const TICKS = 'for i in 1 2 3 4 5 6 7 8; do echo tick $i; sleep 0.4; done';
const TOCKS = 'for i in 1 2 3 4 5 6 7 8; do echo tock $i; sleep 0.4; done';

type Wire = { role: string; content: unknown };

describe('daily use: prompt, steps, compaction and best of k in the panel', function () {
  this.timeout(240_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;

  const prompt = () => frame.locator('[data-testid=prompt]');
  const answered = (text: string) => frame.locator('[data-testid=message][data-role=assistant]', { hasText: text }).waitFor({ timeout: 30_000 });
  const refusal = () => frame.locator('.refusal');
  const lastUser = (): unknown => {
    const requests = server.requestsTo(CHAT);
    const messages = requests[requests.length - 1].body.messages as Wire[];
    return messages.filter((m) => m.role === 'user').pop()!.content;
  };
  const paste = () =>
    prompt().evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dot.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, PNG_1X1.toString('base64'));
  const workspaceSettings = (values: Record<string, unknown>) => {
    mkdirSync(join(session.workspace, '.vscode'), { recursive: true });
    writeFileSync(join(session.workspace, '.vscode', 'settings.json'), JSON.stringify(values));
  };

  before(async () => {
    server = await ModelServer.start();
    // A vision model, with images switched off in the workspace to begin with; best of k spreads over two scripted models.
    session = await launch({ userSettings: panelSettings(server.url, { 'tandem.chat.model': 'gpt-4o', 'tandem.agent.attemptModels': ['good', 'bad'] }), workspaceSettings: { 'tandem.chat.vision': 'off' } });
    mkdirSync(join(session.workspace, '.tandem', 'commands'), { recursive: true });
    writeFileSync(join(session.workspace, '.tandem', 'ai-changes.jsonl'), '{"kind":"record"}\n');
    writeFileSync(join(session.workspace, '.tandem', 'commands', 'tidy.md'), 'Tidy the imports of the open file.\n');
    await waitForWorkbench(session.page);
    frame = await openPanel(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });
  beforeEach(() => server.reset());

  it('says an image was not sent only until the next message goes, and not in a new task', async () => {
    await frame.locator('[data-testid=attach-image][data-images-off=true]').waitFor({ state: 'attached', timeout: 30_000 });
    await prompt().fill('What is in this picture?');
    await paste();
    await refusal().filter({ hasText: 'was not sent' }).waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('[data-testid=image-chip]').count(), 0);
    // Sent with Enter (no click anywhere): the message went, so the refusal goes.
    server.enqueue(CHAT, chatStream('No picture here.'));
    await prompt().press('Enter');
    await answered('No picture here.');
    assert.equal(await refusal().isHidden(), true, 'the refusal is gone once a message was sent');
    // A new task from the command palette: the last task's refusal does not follow it.
    await paste();
    await refusal().filter({ hasText: 'was not sent' }).waitFor({ timeout: 15_000 });
    await runCommand(session.page, 'Tandem: New Task');
    await frame.locator('[data-testid=message]').first().waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(await refusal().isHidden(), true, 'a new task starts without the old refusal');
  });

  it('attaches an image from the attach button and sends it', async () => {
    workspaceSettings({});
    await frame.locator('[data-testid=attach-image]:not([data-images-off])').waitFor({ state: 'attached', timeout: 30_000 });
    await prompt().fill('Describe it');
    const chooser = session.page.waitForEvent('filechooser', { timeout: 15_000 });
    await frame.locator('[data-testid=attach-image]').click();
    await (await chooser).setFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await frame.locator('[data-testid=image-chip]').waitFor({ timeout: 15_000 });
    server.enqueue(CHAT, chatStream('A dot.'));
    await prompt().press('Enter');
    await answered('A dot.');
    const content = lastUser() as Array<{ type: string; image_url?: { url: string } }>;
    assert.equal(content[1]?.image_url?.url, `data:image/png;base64,${PNG_1X1.toString('base64')}`);
  });

  it('the @ picker offers the open file first and folders, never Tandem\'s own files', async () => {
    await frame.locator('[data-testid=new-task]').click();
    await openFileAt(session.page, 'ts/money.ts', 1, 1);
    await prompt().focus();
    await prompt().fill('');
    await prompt().pressSequentially('Look at @');
    const options = frame.locator('[data-testid=mention-option]');
    await frame.locator('[data-testid=mention-option][data-value="ts/money.ts"]').waitFor({ timeout: 30_000 });
    const files = await frame.locator('[data-testid=mention-option][data-kind=file]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    assert.equal(files[0], 'ts/money.ts', `the open file comes first among files (${files.join(', ')})`);
    const folders = await frame.locator('[data-testid=mention-option][data-kind=folder]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    assert.ok(folders.includes('src') && folders.includes('ts'), `folders are offered (${folders.join(', ')})`);
    await prompt().pressSequentially('.tandem');
    await frame.locator('[data-testid=mention-option][data-value=".tandem/commands/tidy.md"]').waitFor({ timeout: 30_000 });
    const tandem = await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    for (const internal of ['.tandem', '.tandem/ai-changes.jsonl']) assert.ok(!tandem.includes(internal), `${internal} is not offered (${tandem.join(', ')})`);
    await prompt().press('Escape');
    await prompt().fill('');
  });

  it('attaches a file once when the selection chip and an @-mention name it', async () => {
    await frame.locator('[data-testid=new-task]').click();
    await openFileAt(session.page, 'src/math.js', 2, 1);
    await session.page.keyboard.press('Shift+ArrowDown');
    await frame.locator('[data-testid=selection-chip]', { hasText: 'math.js' }).waitFor({ timeout: 30_000 });
    server.enqueue(CHAT, chatStream('Explained.'));
    await prompt().fill('Explain @src/math.js please');
    await prompt().press('Enter');
    await answered('Explained.');
    const text = String(lastUser());
    const markers = text.match(/<attachment kind="(?:file|selection)" source="src\/math\.js[^"]*"[^>]*>/g) ?? [];
    assert.equal(markers.length, 1, `attached once: ${markers.join(' ')}`);
    assert.match(markers[0], /kind="file".*note="the user selected lines 2-/);
    assert.equal(await frame.locator('[data-testid=message][data-role=user]').last().locator('[data-testid=attached] .chip').count(), 1, 'one chip on the message');
  });

  it('/compact closes its hint, says what it kept, and the meter stays in the same unit', async () => {
    await frame.locator('[data-testid=new-task]').click();
    server.enqueue(CHAT, chatStream('Noted: kiwi.', { usage: { prompt_tokens: 100, completion_tokens: 20 } }));
    // A long message (a pasted log): summarised away, the conversation really gets smaller.
    await prompt().fill(`Remember the word kiwi. The log:\n${'GET /health 200 1ms\n'.repeat(200)}`);
    await prompt().press('Enter');
    await answered('Noted: kiwi.');
    const meter = frame.locator('[data-testid=context-meter]');
    assert.match(await meter.innerText(), /^120 \//);
    await prompt().fill('');
    await prompt().pressSequentially('/compact');
    const hints = frame.locator('[data-testid=slash-hints]');
    await hints.waitFor({ state: 'visible', timeout: 10_000 });
    server.enqueue(CHAT, chatStream('SUMMARY: remember kiwi.'));
    await prompt().press('Enter');
    const notice = frame.locator('.notice', { hasText: /^Summarised \d+ earlier messages?; kept the last/ });
    await notice.waitFor({ timeout: 30_000 });
    assert.equal(await hints.isHidden(), true, 'the hint closed with the sent /compact');
    const used = Number(/^(\d+) \//.exec(await meter.innerText())?.[1]);
    assert.ok(used > 0 && used < 120, `the meter after compaction (${await meter.innerText()}) is below the 120 before, in the same unit`);
  });

  it('a command step waits for approval, streams its output while it runs, and shows the command as edited', async () => {
    await frame.locator('[data-testid=new-task]').click();
    server.enqueue(CHAT, chatToolCallStream([{ id: 'tick1', name: 'run_command', arguments: { command: TICKS } }]), chatStream('Counted.'));
    await prompt().fill('Count for me');
    await prompt().press('Enter');
    const step = frame.locator('[data-testid=tool-step][data-id=tick1]');
    await frame.locator('[data-testid=tool-step][data-id=tick1][data-waiting=true]').waitFor({ timeout: 30_000 });
    assert.equal(await step.locator('[data-testid=step-status]').innerText(), 'waiting for approval');
    assert.ok(!(await step.innerText()).includes('running…'), 'a step waiting for approval does not say running');
    assert.equal(await step.locator('.codicon-loading, .codicon-modifier-spin').count(), 0, 'no spinner while it waits');
    assert.equal(await step.locator('summary .codicon-bell').count(), 1, 'the bell instead');
    // Edit the command on its card, then run it.
    const card = frame.locator('[data-testid=command-approval]');
    await card.locator('[data-testid=edit-command]').click();
    await card.locator('[data-testid=command-edit]').fill(TOCKS);
    await card.locator('[data-testid=run-edited]').click();
    // Its output shows in the step while it still runs, without opening anything.
    const output = step.locator('pre.output');
    await frame.locator('[data-testid=tool-step][data-id=tick1][data-state=running] pre.output', { hasText: 'tock 2' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await step.getAttribute('data-state'), 'running', 'seen before the command ended');
    await answered('Counted.');
    assert.match(await output.innerText(), /tock 8/);
    assert.equal(await step.locator('.tool-arg').innerText(), TOCKS, 'the step names the command that ran');
    assert.equal(await step.locator('[data-testid=step-edited]').innerText(), 'edited');
    assert.equal(await frame.locator('[data-testid=summary-check]').last().getAttribute('title'), TOCKS, 'so does the summary card');
  });

  it('brings the Tandem terminal to the front of the bottom panel for each new command, keeping the focus', async () => {
    const page = session.page;
    const activePanelTab = () => page.locator('.part.panel .composite-bar .action-item.checked .action-label').first().getAttribute('aria-label');
    // `echo` is a safe command: it runs without a card.
    const runOnce = async (id: string, command: string, reply: string) => {
      server.enqueue(CHAT, chatToolCallStream([{ id, name: 'run_command', arguments: { command } }]), chatStream(reply));
      await prompt().fill(`Run ${id}`);
      await prompt().press('Enter');
      await answered(reply);
    };
    await frame.locator('[data-testid=new-task]').click();
    // The first command makes the terminal; then the user looks at Problems.
    await runOnce('first', 'echo first', 'Ran first.');
    await runCommand(page, 'Problems: Focus on Problems View');
    await page.waitForFunction(() => /Problems/.test(document.querySelector('.part.panel .composite-bar .action-item.checked .action-label')?.getAttribute('aria-label') ?? ''));
    await runOnce('second', 'echo second', 'Ran second.');
    await page.waitForFunction(() => /Terminal/.test(document.querySelector('.part.panel .composite-bar .action-item.checked .action-label')?.getAttribute('aria-label') ?? ''), undefined, { timeout: 30_000 }).catch(() => undefined);
    const tab = (await activePanelTab()) ?? '';
    assert.match(tab, /Terminal/, `the terminal is the visible panel tab again, not ${tab}`);
    assert.match(await page.locator('.part.panel').innerText(), /Tandem/, 'showing the Tandem terminal');
    const terminalFocused = await page.evaluate(() => !!document.activeElement?.closest('.part.panel .terminal'));
    assert.equal(terminalFocused, false, 'the keyboard stays where it was');
  });

  it('best of k fits a 300 px panel, counts the attempts\' tokens and goes back to one attempt', async () => {
    await frame.locator('[data-testid=new-task]').click();
    server.onRequest(CHAT, (req: RecordedRequest): Reply => {
      const usage = { prompt_tokens: 200, completion_tokens: 40 };
      const model = String(req.body.model);
      if ((req.body.messages as Array<{ role: string }>).some((m) => m.role === 'tool')) return chatStream(`done by ${model}`, { usage });
      const edit = model === 'good' ? 'return a + b; // checked' : 'return a - b;';
      return chatToolCallStream([{ id: `e-${model}`, name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a + b;', new_string: edit } }], { usage });
    });
    const picker = frame.locator('[data-testid=attempts-count]');
    await picker.selectOption('2');
    await prompt().fill('Mark add as checked');
    await prompt().press('Enter');
    // suggest: the test command is asked once before the attempts start.
    const question = frame.locator('[data-testid=command-approval]');
    await question.waitFor({ timeout: 60_000 });
    assert.match(await question.innerText(), /each attempt is verified with this command/);
    await question.locator('[data-testid=run]').click();
    await frame.locator('[data-testid=change], .notice').first().waitFor({ timeout: 150_000 });
    assert.equal(await frame.locator('[data-testid=change]').count(), 1, `the best attempt is proposed (${(await frame.locator('.notice, [data-testid=attempts]').allInnerTexts()).join(' | ')})`);
    const width = await sidebarWidth(session.page, 300);
    assert.ok(Math.abs(width - 300) < 20, `sidebar is ${width} px`);
    const table = frame.locator('[data-testid=attempts]');
    const fits = await table.evaluate((host) => {
      const right = host.getBoundingClientRect().right;
      const buttons = Array.from(host.querySelectorAll('button')).map((b) => b.getBoundingClientRect());
      return { scroll: host.scrollWidth - host.clientWidth, buttons: buttons.length, outside: buttons.filter((b) => b.right > right + 1 || b.width === 0).length, view: document.documentElement.clientWidth };
    });
    assert.equal(fits.buttons, 4, 'Diff and Use for each attempt');
    assert.deepEqual([fits.scroll, fits.outside], [0, 0], `the table fits the ${fits.view} px panel with every button in view`);
    await frame.locator('[data-testid=reject]').click();
    await frame.locator('[data-testid=send]').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await frame.locator('[data-testid=meta]').innerText(), /800 in \/ 160 out/);
    assert.equal(await picker.inputValue(), '1', 'the next task is back at one attempt');
  });
});
