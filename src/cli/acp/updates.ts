// Owns rendering Tandem's agent events as ACP `session/update` notifications: answer text as
// agent_message_chunk, each tool call as tool_call (kind, title, locations) then tool_call_update
// (status, output, and the applied changes as diff content), update_plan as `plan`. Updates go out in
// order, one after the other; `flush()` resolves once all were written, so a prompt's response never
// overtakes its last update.
import { hookLine } from '../render';
import type * as acp from '@agentclientprotocol/sdk';
import type { AgentEvent } from '../../core/agent/events';
import type { ProposedChange } from '../../core/changes/change';
import type { PlanStep } from '../../core/tools/updatePlan';
import { diffContent, locations, parseArgs, textContent, toolKind, toolTitle } from './toolCalls';

/** Tool output sent to the client is cut to this many characters (the model got its own cap). */
export const MAX_TOOL_OUTPUT_CHARS = 20_000;

export type UpdateSender = (update: acp.SessionUpdate) => Promise<void>;

export function planEntries(steps: PlanStep[]): acp.PlanEntry[] {
  return steps.map((s) => ({ content: s.step, priority: 'medium', status: s.status === 'done' ? 'completed' : s.status }));
}

function cut(text: string): string {
  return text.length > MAX_TOOL_OUTPUT_CHARS ? `${text.slice(0, MAX_TOOL_OUTPUT_CHARS)}\n… (${text.length - MAX_TOOL_OUTPUT_CHARS} more characters)` : text;
}

/** The tail of a running command's output shown live (the whole, cut, comes when it ends). */
export const LIVE_OUTPUT_CHARS = 4000;

export class UpdateStream {
  private chain: Promise<void> = Promise.resolve();
  private readonly live = new Map<string, string>();
  /** The last error the turn reported (the prompt's error response says it). */
  lastError: Extract<AgentEvent, { type: 'error' }> | undefined;
  /** Updates the client could not take (it went away): the turn goes on, nothing else is lost. */
  failures = 0;

  constructor(
    private readonly root: string,
    private readonly send: UpdateSender,
  ) {}

  push(update: acp.SessionUpdate): void {
    this.chain = this.chain.then(() => this.send(update)).catch(() => void this.failures++);
  }

  message(text: string): void {
    this.push({ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text } });
  }

  flush(): Promise<void> {
    return this.chain;
  }

  /** The listener for Agent.run's onEvent. */
  readonly onEvent = (e: AgentEvent): void => {
    switch (e.type) {
      case 'text':
        if (e.delta) this.message(e.delta);
        return;
      case 'reasoning':
        if (e.delta) this.push({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: e.delta } });
        return;
      case 'toolCallStarted': {
        const args = parseArgs(e.arguments);
        this.push({ sessionUpdate: 'tool_call', toolCallId: e.id, title: toolTitle(e.name, args), kind: toolKind(e.name), status: 'in_progress', rawInput: args, locations: locations(this.root, e.name, args) });
        return;
      }
      case 'toolOutput': {
        const text = ((this.live.get(e.id) ?? '') + e.chunk).slice(-LIVE_OUTPUT_CHARS);
        this.live.set(e.id, text);
        this.push({ sessionUpdate: 'tool_call_update', toolCallId: e.id, content: [textContent(text)] });
        return;
      }
      case 'toolCallFinished': {
        this.live.delete(e.id);
        const changes = (e.meta?.changes as ProposedChange[] | undefined)?.filter((c) => typeof c === 'object' && c && 'path' in c);
        const applied = Array.isArray(e.meta?.applied) && changes?.length ? diffContent(this.root, changes) : [];
        this.push({ sessionUpdate: 'tool_call_update', toolCallId: e.id, status: e.isError ? 'failed' : 'completed', content: [...applied, textContent(cut(e.output))], rawOutput: { output: cut(e.output), isError: e.isError } });
        return;
      }
      case 'plan':
        this.push({ sessionUpdate: 'plan', entries: planEntries(e.steps) });
        return;
      case 'hook':
        // Every hook run, as the CLI prints it on stderr: the editor shows it with the agent's thoughts.
        this.push({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: `${hookLine(e.report)}\n` } });
        return;
      case 'error':
        this.lastError = e;
        return;
      default:
        return;
    }
  };
}
