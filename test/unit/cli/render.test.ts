// Terminal rendering: answer on stdout, tool steps on stderr, one JSON line per event with --json;
// the terminal approver without a TTY refuses and counts.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { JsonRenderer, TextRenderer, describeCall } from '../../../src/cli/render';
import { NO_TTY_REASON, TerminalApprover } from '../../../src/cli/terminalApprover';

function sink() {
  const chunks: string[] = [];
  return { write: (t: string) => chunks.push(t), text: () => chunks.join('') };
}

describe('CLI rendering', () => {
  it('streams answer text to stdout and tool steps to stderr on their own lines', () => {
    const out = sink();
    const err = sink();
    const r = new TextRenderer(out, err);
    r.render({ type: 'text', delta: 'Look' });
    r.render({ type: 'text', delta: 'ing.' });
    r.render({ type: 'toolCallStarted', id: 'a', name: 'run_command', arguments: '{"command":"npm test"}' });
    r.render({ type: 'toolCallFinished', id: 'a', name: 'run_command', output: 'exit 1\nFAIL', isError: true });
    r.render({ type: 'text', delta: 'Fixed.' });
    r.render({ type: 'done', reason: 'answer', steps: 2 });
    assert.equal(out.text(), 'Looking.\nFixed.\n');
    assert.equal(err.text(), '▸ run_command npm test\n  ✗ exit 1\n');
  });

  it('ends with how to undo the task when checkpoints saw changes, and warns when one failed', () => {
    const run = (events: Parameters<TextRenderer['render']>[0][]) => {
      const err = sink();
      const r = new TextRenderer(sink(), err);
      for (const e of events) r.render(e);
      r.render({ type: 'done', reason: 'answer', steps: 1 });
      return err.text();
    };
    assert.equal(run([{ type: 'checkpoint', id: 'aaa111', reason: 'turn start', files: 3 }, { type: 'checkpoint', id: 'bbb222', reason: 'after edit_file', step: 1, files: 1 }]), 'To undo this task\'s changes: tandem restore aaa111\n');
    assert.equal(run([{ type: 'checkpoint', id: 'aaa111', reason: 'turn start', files: 3 }, { type: 'checkpoint', id: 'aaa111', reason: 'after run_command', step: 1, files: 3 }]), '');
    assert.match(run([{ type: 'checkpoint', reason: 'turn start', error: 'No checkpoint could be taken: git missing' }]), /^warning: No checkpoint could be taken: git missing\n$/);
    assert.match(run([{ type: 'checkpoint', id: 'a1', reason: 'turn start', files: 1, skipped: ['big.bin'] }]), /^note: not in the checkpoint \(new files over 20 MB\): big\.bin\. A restore leaves them as they are\.\n$/);
  });

  it('describes calls by their most telling argument', () => {
    assert.equal(describeCall('read_file', '{"path":"src/a.ts","start_line":3}'), 'read_file src/a.ts');
    assert.equal(describeCall('list_dir', '{}'), 'list_dir');
    assert.equal(describeCall('read_file', '{bad'), 'read_file');
  });

  it('--json prints one parseable event per line', () => {
    const out = sink();
    const r = new JsonRenderer(out);
    r.render({ type: 'text', delta: 'a\nb' });
    r.render({ type: 'done', reason: 'answer', steps: 1 });
    const lines = out.text().trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(JSON.parse(lines[0]), { type: 'text', delta: 'a\nb' });
  });

  it('without a TTY the approver refuses, says why and counts', async () => {
    const a = new TerminalApprover({ input: new PassThrough(), output: sink(), interactive: false });
    const d = await a.request({ type: 'command', command: 'rm -rf build', cwd: '/w', toolCallId: 'c', reason: 'not allow-listed' }, new AbortController().signal);
    assert.deepEqual(d, { approved: false, reason: NO_TTY_REASON });
    assert.equal(a.refusedWithoutTty, 1);
  });

  it('on a TTY it shows the request and applies only on y', async () => {
    const input = new PassThrough();
    const out = sink();
    const a = new TerminalApprover({ input, output: out, interactive: true });
    const change = { id: '1', path: 'a.ts', kind: 'update' as const, diff: '-old\n+new', added: 1, removed: 1 };
    const yes = a.request({ type: 'edit', changes: [change], toolCallId: 'c' }, new AbortController().signal);
    input.write('y\n');
    assert.deepEqual(await yes, { approved: true });
    const no = a.request({ type: 'edit', changes: [change], toolCallId: 'd' }, new AbortController().signal);
    input.write('\n');
    assert.equal((await no).approved, false);
    assert.match(out.text(), /update a\.ts \(\+1 −1\)\n-old\n\+new/);
    assert.match(out.text(), /Apply\? \[y\/N\]/);
  });
});
