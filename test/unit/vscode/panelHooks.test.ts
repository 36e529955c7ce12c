// The panel shows what hooks did: a hook around a tool call as a line in that step (an error in red),
// a hook of the prompt, stop or session start as a notice, and a text-tool-calls switch as a notice.
import { strict as assert } from 'node:assert';
import type { PanelState } from '../../../src/protocol/messages';
import { PanelState as PanelStateSchema } from '../../../src/protocol/messages';
import { applyAgentEvent, type ReducerContext } from '../../../src/vscode/chat/panelReducer';

const fresh = (): PanelState => ({ taskId: 't', title: 'T', running: true, model: 'm', usage: { inputTokens: 0, outputTokens: 0 }, items: [], changes: [], decisions: [], tasks: [] });
const ctx: ReducerContext = { rewindPoint: () => [0, 0] };

describe('panel reducer: hooks', () => {
  it('puts a tool hook in its step, and the others as notices', () => {
    const s = fresh();
    applyAgentEvent(s, { type: 'toolCallStarted', id: 'c1', name: 'run_command', arguments: '{"command":"rm -rf build"}' }, ctx);
    applyAgentEvent(s, { type: 'hook', report: { event: 'PreToolUse', source: 'workspace', command: './check.sh', toolName: 'run_command', toolCallId: 'c1', outcome: 'blocked', exitCode: 2, durationMs: 5, message: 'no deletes' } }, ctx);
    applyAgentEvent(s, { type: 'hook', report: { event: 'Stop', source: 'user', command: 'notify-send done', outcome: 'error', exitCode: 127, durationMs: 5, message: 'failed with exit code 127: not found; it blocked nothing' } }, ctx);
    applyAgentEvent(s, { type: 'hook', report: { event: 'SessionStart', source: 'user', command: 'true', outcome: 'ok', exitCode: 0, durationMs: 1 } }, ctx);
    applyAgentEvent(s, { type: 'notice', message: 'tools as text now' }, ctx);
    const step = s.items[0];
    assert.equal(step.kind, 'tool');
    assert.deepEqual(step.kind === 'tool' && step.hooks, [{ text: 'PreToolUse hook (workspace) blocked: ./check.sh — no deletes', level: 'error' }]);
    assert.deepEqual(s.items.slice(1).map((i) => (i.kind === 'notice' ? [i.level, i.text] : [i.kind])), [
      ['error', 'Stop hook (user) failed: notify-send done — failed with exit code 127: not found; it blocked nothing'],
      ['info', 'tools as text now'],
    ]);
    // The state still crosses to the webview (the protocol schema takes the new field).
    assert.equal(PanelStateSchema.safeParse(s).success, true);
  });
});
