// A slow model through the real workbench, in a 300 px sidebar, dark and light: the answer arrives as
// many small chunks over several seconds and the panel draws it as it comes — in one message element
// that only grows (no re-created node, no shrinking, the conversation kept scrolled to the newest
// text) — and axe's color-contrast rule finds nothing in either theme (pending change card, streamed
// answer, summary). Screenshots: test-results/stream-<theme>.png.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { ModelServer } from '../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../fixtures/replies';
import { launch, type Session } from '../integration/codeServer';
import { openPanel, panelSettings, screenshot, sidebarWidth, useThemeKind, waitForWorkbench } from './workbench';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const ANSWER = [
  'Multiply now says what it returns. Here is what changed and why, step by step:',
  '',
  '1. The comment names the result, so a reader does not have to work it out.',
  '2. Nothing else in `src/math.js` moved; `add` is untouched.',
  '',
  '```js',
  'function multiply(a, b) {',
  '  return a * b; // product',
  '}',
  '```',
  '',
  'Run the tests again if you want to be sure: they only call `add` and `multiply` with numbers.',
].join('\n');

interface Sample {
  len: number;
  height: number;
  same: boolean;
  /** Pixels between the bottom of the scrolled conversation and the bottom of its content. */
  belowView: number;
}

/** Records, at every frame the webview draws, the streaming answer's length, height and node identity. */
async function watchStream(frame: Frame): Promise<void> {
  // A string, not a function: the test runner's compiler would name inner functions with a helper the page lacks.
  await frame.evaluate(`(() => {
    const w = window;
    w.__samples = [];
    const tick = () => {
      if (w.__stop) return;
      const all = document.querySelectorAll('[data-testid=message][data-role=assistant]');
      const msg = all[all.length - 1];
      if (msg && (msg.textContent || '').includes('Multiply now says')) {
        if (!w.__node) w.__node = msg;
        let scroller = msg.parentElement;
        while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
        const s = scroller || document.scrollingElement;
        w.__samples.push({ len: (msg.textContent || '').length, height: msg.getBoundingClientRect().height, same: msg === w.__node, belowView: s.scrollHeight - s.scrollTop - s.clientHeight });
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

for (const [name, theme] of [
  ['dark', 'Default Dark Modern'],
  ['light', 'Default Light Modern'],
] as const) describe(`a slow, chunked answer in a 300 px panel (${name} theme)`, function () {
  this.timeout(240_000);
  let server: ModelServer;
  let session: Session;
  let frame: Frame;

  before(async () => {
    server = await ModelServer.start();
    session = await launch({ userSettings: { ...panelSettings(server.url), 'workbench.colorTheme': theme } });
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

  it('draws the answer progressively in one growing message, and axe finds no contrast problem', async () => {
    server.enqueue(
      '/v1/chat/completions',
      chatToolCallStream([{ id: 's1', name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a * b;', new_string: 'return a * b; // product' } }], { text: 'I will annotate multiply. ' }),
      // About 90 chunks of 6 characters, 70 ms apart: six seconds of tokens.
      chatStream(ANSWER, { size: 6, intervalMs: 70 }),
    );
    const prompt = frame.locator('[data-testid=prompt]');
    await prompt.fill('Annotate multiply');
    await prompt.press('Enter');
    await frame.locator('[data-testid=approve]').waitFor({ state: 'visible', timeout: 60_000 });
    const axeRun = async (when: string) => {
      await frame.evaluate(AXE);
      const violations = await frame.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown; any?: Array<{ data?: unknown }> }> }> }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => [n.target, n.any?.[0]?.data]) }));
      });
      assert.deepEqual(violations, [], `${when}: ${JSON.stringify(violations, null, 1)}`);
    };
    await axeRun('with a pending change');
    await watchStream(frame);
    await frame.locator('[data-testid=approve]').click();
    await frame.locator('[data-testid=message][data-role=assistant]', { hasText: 'only call' }).waitFor({ timeout: 60_000 });
    await frame.locator('[data-testid=stop]').waitFor({ state: 'hidden', timeout: 30_000 });
    const samples = await frame.evaluate(() => {
      const w = window as unknown as { __samples: Sample[]; __stop?: boolean };
      w.__stop = true;
      return w.__samples;
    });
    await screenshot(session.page, `stream-${name}`);
    const lengths = [...new Set(samples.map((s) => s.len))];
    assert.ok(lengths.length >= 10, `the answer showed in ${lengths.length} steps: ${lengths.join(', ')}`);
    assert.ok(
      samples.every((s) => s.same),
      'one message element from the first chunk to the last',
    );
    for (let i = 1; i < samples.length; i++) {
      assert.ok(samples[i].len >= samples[i - 1].len, `text never shrinks (${samples[i - 1].len} → ${samples[i].len})`);
      assert.ok(samples[i].height >= samples[i - 1].height - 1, `the message never shrinks (${samples[i - 1].height} → ${samples[i].height} px at ${samples[i].len} characters)`);
    }
    const last = samples[samples.length - 1];
    assert.ok(last.belowView <= 4, `the newest text is in view (${last.belowView} px below)`);
    await axeRun('after the streamed answer');
  });
});
