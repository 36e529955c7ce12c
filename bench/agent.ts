// Loop overhead per step with a zero-latency scripted model, excluding tool work (goal < 5 ms):
// each step is one model call that returns a tool call at once and a tool that returns at once, so
// what is measured is the loop itself — events, id handling, budget estimates, history, truncation.
// Two conversation lengths show how the per-step cost grows with history. Also the same loop over
// real HTTP to the scripted server, for scale (that row includes the SDK and the socket).
import { performance } from 'node:perf_hooks';
import * as os from 'node:os';
import { Agent } from '../src/core/agent/agent';
import type { ToolSet } from '../src/core/agent/toolRuntime';
import { ChatProvider } from '../src/core/llm/chat';
import type { ModelProvider, ModelRequest, ModelResponse } from '../src/core/llm/provider';
import { ModelServer } from '../test/fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../test/fixtures/replies';

export interface AgentBenchRow {
  scenario: string;
  steps: number;
  msPerStep: number;
  goalMs: number;
}

/** Answers every call at once: a tool call for the first `steps - 1` calls, then a text answer. */
class InstantModel implements ModelProvider {
  readonly where = 'in-process';
  calls = 0;
  constructor(private readonly steps: number) {}
  async stream(_r: ModelRequest, _s: AbortSignal, onDelta: (t: string) => void): Promise<ModelResponse> {
    this.calls++;
    if (this.calls % this.steps === 0) {
      onDelta('done');
      return { text: 'done', toolCalls: [], finishReason: 'stop' };
    }
    onDelta('step ');
    return { text: 'step ', toolCalls: [{ id: `c${this.calls}`, name: 'noop', arguments: '{"path":"src/a.ts"}' }], finishReason: 'tool_calls', usage: { inputTokens: 100, outputTokens: 5 } };
  }
}

const noopTools: ToolSet = {
  specs: [{ type: 'function', function: { name: 'noop', description: 'Does nothing', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }],
  invoke: async () => ({ output: 'x'.repeat(2_000) }),
};

function agentFor(provider: ModelProvider, steps: number): Agent {
  return new Agent({
    provider,
    model: 'bench-model',
    workspaceRoot: os.tmpdir(),
    tools: noopTools,
    approver: { request: async () => ({ approved: true }) },
    applier: { apply: async () => {} },
    approvalMode: 'full-auto',
    maxSteps: steps + 1,
    contextWindow: 10_000_000,
    testCommand: 'true',
    retry: false,
  });
}

async function measure(scenario: string, steps: number, provider: ModelProvider, turns: number, goalMs: number): Promise<AgentBenchRow> {
  const agent = agentFor(provider, steps);
  await agent.run('warm up'); // the first turn opens the conversation (reads AGENTS.md, detects tests)
  let events = 0;
  const t0 = performance.now();
  for (let i = 0; i < turns; i++) await agent.run(`task ${i}`, { onEvent: () => events++ });
  const elapsed = performance.now() - t0;
  return { scenario, steps: steps * turns, msPerStep: elapsed / (steps * turns), goalMs };
}

export async function run(): Promise<AgentBenchRow[]> {
  const rows: AgentBenchRow[] = [];
  rows.push(await measure('in-process model, short history', 20, new InstantModel(20), 10, 5));
  rows.push(await measure('in-process model, ~1,000-message history', 100, new InstantModel(100), 5, 5));
  const server = await ModelServer.start();
  try {
    const steps = 20;
    let n = 0;
    server.onRequest('/v1/chat/completions', () => (++n % steps === 0 ? chatStream('done') : chatToolCallStream([{ name: 'noop', arguments: { path: 'src/a.ts' } }])));
    rows.push(await measure('scripted HTTP server (incl. SDK + socket)', steps, new ChatProvider({ baseUrl: server.url }), 5, Number.NaN));
  } finally {
    await server.close();
  }
  console.log('\nAgent loop overhead per step (tool work excluded)');
  console.table(rows.map((r) => ({ scenario: r.scenario, steps: r.steps, 'ms/step': r.msPerStep.toFixed(3), goal: Number.isNaN(r.goalMs) ? '—' : `< ${r.goalMs} ms`, ok: Number.isNaN(r.goalMs) ? '' : r.msPerStep < r.goalMs ? 'yes' : 'NO' })));
  return rows;
}

if (require.main === module) void run();
