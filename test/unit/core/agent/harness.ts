// Wires an Agent to the scripted model server and a temp workspace for loop tests: real HTTP, real
// files, real child processes; retries sleep through an injected function (no real waiting).
import { Agent, type AgentOptions } from '../../../../src/core/agent/agent';
import type { AgentEvent } from '../../../../src/core/agent/events';
import type { ToolSet } from '../../../../src/core/agent/toolRuntime';
import { ChatProvider } from '../../../../src/core/llm/chat';
import type { Approver } from '../../../../src/core/changes/approval';
import { ModelServer } from '../../../fixtures/modelServer';
import { testToolSet, type Invocation } from './testTools';

export const CHAT = '/v1/chat/completions';

export interface Harness {
  agent: Agent;
  events: AgentEvent[];
  invocations: Invocation[];
  waits: number[];
  text(): string;
  run(task: string, signal?: AbortSignal): ReturnType<Agent['run']>;
}

export const approveAll: Approver = { request: async () => ({ approved: true }) };

export function harness(server: ModelServer, root: string, opts: Partial<AgentOptions> & { idleTimeoutMs?: number; tools?: ToolSet } = {}): Harness {
  const invocations: Invocation[] = [];
  const events: AgentEvent[] = [];
  const waits: number[] = [];
  const agent = new Agent({
    provider: new ChatProvider({ baseUrl: server.url, apiKey: 'sk-test' }, { idleTimeoutMs: opts.idleTimeoutMs ?? 5_000 }),
    model: 'test-model',
    workspaceRoot: root,
    tools: opts.tools ?? testToolSet(invocations),
    approver: approveAll,
    applier: { apply: async () => {} },
    approvalMode: 'full-auto',
    retry: { random: () => 0.5, sleep: async (ms) => void waits.push(ms) },
    ...opts,
  });
  return {
    agent,
    events,
    invocations,
    waits,
    text: () => events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join(''),
    run: (task, signal) => agent.run(task, { signal, onEvent: (e) => events.push(e) }),
  };
}

export function ofType<T extends AgentEvent['type']>(events: AgentEvent[], type: T): Array<Extract<AgentEvent, { type: T }>> {
  return events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);
}
