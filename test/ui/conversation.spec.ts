// The conversation controls through the real workbench in Chromium: the Plan / Act switch, the
// plan checklist rendered live from update_plan, a message typed while the task runs shown as
// queued (one removed with its ×) and carried by the next model request, and "Act on this plan"
// switching back to Act and sending the plan off.
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openPanel, panelSettings, screenshot, waitForWorkbench } from './workbench';

const CHAT = '/v1/chat/completions';
type Wire = { role: string; content: string };

describe('conversation controls in the workbench', function () {
  this.timeout(180_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;

  before(async () => {
    server = await ModelServer.start();
    session = await launch({ userSettings: panelSettings(server.url) });
    await waitForWorkbench(session.page);
    frame = await openPanel(session.page);
  });
  after(async () => {
    await session?.stop();
    await server?.close();
  });

  it('switches to Plan, shows the checklist live, queues a message, then acts on the plan', async () => {
    const plan = [
      { step: 'Read src/math.js', status: 'done' },
      { step: 'Decide the new signature', status: 'in_progress' },
      { step: 'List the tests to change', status: 'pending' },
    ];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const secondCall = new Promise<void>((r) => (arrived = r));
    let calls = 0;
    server.onRequest(CHAT, async () => {
      calls++;
      if (calls === 1) return chatToolCallStream([{ id: 'p1', name: 'update_plan', arguments: { plan } }]);
      if (calls === 2) {
        arrived();
        await gate;
        return chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: 'src/math.js' } }]);
      }
      return chatStream(calls === 3 ? 'Plan: change add, then its tests.' : 'Carried out.');
    });

    // Typing a slash lists the commands that match.
    const promptBox = frame.locator('[data-testid=prompt]');
    await promptBox.fill('/co');
    await promptBox.dispatchEvent('input');
    const hints = frame.locator('[data-testid=slash-hint]');
    await hints.first().waitFor({ timeout: 10_000 });
    assert.deepEqual(await hints.evaluateAll((els) => els.map((e) => e.getAttribute('data-command'))), ['compact']);
    await promptBox.fill('');
    await promptBox.dispatchEvent('input');
    await hints.first().waitFor({ state: 'detached', timeout: 10_000 });

    const planButton = frame.locator('[data-testid=mode-plan]');
    await planButton.click();
    await frame.locator('[data-testid=mode-plan][aria-checked=true]').waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('[data-testid=mode-act]').getAttribute('aria-checked'), 'false');

    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill('Plan making add take three numbers');
    await prompt.press('Enter');
    await secondCall;
    // The checklist is on screen while the task runs, each step with its status.
    const steps = frame.locator('[data-testid=plan] [data-testid=plan-step]');
    await steps.nth(2).waitFor({ timeout: 30_000 });
    assert.deepEqual(await steps.evaluateAll((els) => els.map((e) => [e.getAttribute('data-status'), e.textContent])), plan.map((p) => [p.status, p.step]));
    assert.match(await frame.locator('[data-testid=plan]').innerText(), /1\/3 done/);
    // Typed while running: queued, shown, one removed again.
    await frame.locator('[data-testid=queue]').waitFor({ state: 'visible', timeout: 10_000 });
    await prompt.fill('Also keep the old signature working');
    await prompt.press('Enter');
    await prompt.fill('Scratch that');
    await frame.locator('[data-testid=queue]').click();
    const queued = frame.locator('[data-testid=queued]');
    await queued.nth(1).waitFor({ timeout: 10_000 });
    await screenshot(session.page, 'panel-plan-and-queue');
    await queued.filter({ hasText: 'Scratch that' }).locator('[data-testid=unqueue]').click();
    await queued.filter({ hasText: 'Scratch that' }).waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await queued.count(), 1);
    release();

    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'Plan: change add' }).waitFor({ timeout: 30_000 });
    await queued.first().waitFor({ state: 'detached', timeout: 10_000 });
    const third = server.requestsTo(CHAT)[2].body.messages as Wire[];
    assert.deepEqual(third.slice(-2).map((m) => m.role), ['tool', 'user']);
    assert.equal(third.at(-1)?.content, 'Also keep the old signature working');
    assert.ok(!JSON.stringify(third).includes('Scratch that'));
    await frame.locator('[data-testid=message][data-role=user]', { hasText: 'Also keep the old signature working' }).waitFor();

    // Act on this plan: back to Act, and the plan is sent off with the editing tools.
    await frame.locator('[data-testid=act]').click();
    await frame.locator('[data-testid=mode-act][aria-checked=true]').waitFor({ timeout: 10_000 });
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'Carried out.' }).waitFor({ timeout: 30_000 });
    const last = server.requestsTo(CHAT).at(-1)!.body;
    assert.equal((last.messages as Wire[]).at(-1)?.content, 'Carry out the plan.');
    assert.ok((last.tools as Array<{ function: { name: string } }>).some((t) => t.function.name === 'edit_file'));
  });
});
