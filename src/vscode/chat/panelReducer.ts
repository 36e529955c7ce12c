// Owns turning the agent's events into the panel's state: streamed answer text, tool steps and their
// output, usage, retries, errors, the end of a turn, and the checkpoints that make a user message
// editable and a step restorable (a step that changed nothing gets no Restore).
import type { AgentEvent } from '../../core/agent/events';
import type { HookReport } from '../../core/hooks/engine';
import type { ChatItem, PanelState } from '../../protocol/messages';
import { applyConversationEvent, type ConversationReducerContext } from './conversationReducer';
import * as serverError from './serverErrorBubble';
import { targetOfCall, targetOfEdit } from './stepTargets';

let seq = 0;
export const nextItemId = (p: string) => `${p}${Date.now().toString(36)}${++seq}`;

type ToolItem = Extract<ChatItem, { kind: 'tool' }>;

function summarise(args: string): string {
  try {
    const a = JSON.parse(args) as Record<string, unknown>;
    const main = a.path ?? a.command ?? a.pattern ?? a.query;
    return typeof main === 'string' ? main.slice(0, 200) : '';
  } catch {
    return '';
  }
}

/** Said when a checkpoint left new files out for their size (a restore will not bring them back). */
export function skippedNotice(paths: string[]): string {
  const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
  return `Not in the checkpoint (new files over 20 MB, too large to snapshot): ${shown}. A restore leaves them as they are.`;
}

/** One line saying what a hook did: its event, command, outcome and what it said. */
export function hookNote(r: HookReport): { text: string; level: 'info' | 'error' } {
  const what = { ok: 'ran', blocked: 'blocked', error: 'failed', timeout: 'timed out', cancelled: 'was cancelled' }[r.outcome];
  const said = (r.message ?? r.stderr ?? r.stdout ?? '').trim().slice(0, 2000);
  const command = r.command.length > 80 ? `${r.command.slice(0, 77)}…` : r.command;
  return { text: `${r.event} hook (${r.source}) ${what}: ${command}${said ? ` — ${said}` : ''}`, level: r.outcome === 'ok' || r.outcome === 'cancelled' ? 'info' : 'error' };
}

export interface ReducerContext extends ConversationReducerContext {
  /** The id of the checkpoint seen last in this task (a new one means files changed). */
  lastCheckpoint?: string;
  /** The conversation's position before the turn that starts: [message count, compactions]. */
  rewindPoint: () => [number, number];
}

export function applyAgentEvent(s: PanelState, e: AgentEvent, ctx: ReducerContext): void {
  const last = s.items[s.items.length - 1];
  const tool = (id: string) => s.items.find((i): i is ToolItem => i.kind === 'tool' && i.id === id);
  applyConversationEvent(s, e, ctx);
  serverError.onProgress(s, e);
  switch (e.type) {
    case 'text':
      if (last?.kind === 'assistant') last.markdown += e.delta;
      else s.items.push({ kind: 'assistant', id: nextItemId('a'), markdown: e.delta });
      break;
    case 'toolCallStarted': {
      const target = targetOfCall(e.name, e.arguments);
      s.items.push({ kind: 'tool', id: e.id, name: e.name, summary: summarise(e.arguments), state: 'running', output: '', ...(target ? { target } : {}) });
      break;
    }
    case 'toolOutput': {
      const step = tool(e.id);
      if (step) step.output = (step.output + e.chunk).slice(-20_000);
      break;
    }
    case 'approvalNeeded': {
      const step = tool(e.request.toolCallId);
      if (step) step.waiting = true;
      break;
    }
    case 'approvalResolved': {
      const step = tool(e.toolCallId);
      if (!step) break;
      delete step.waiting;
      // The user edited the command: the step names the command that ran.
      if (e.command !== undefined) {
        step.summary = e.command.slice(0, 200);
        step.edited = true;
      }
      break;
    }
    case 'toolCallFinished': {
      const step = tool(e.id);
      if (step) {
        delete step.waiting;
        step.state = e.isError ? 'failed' : 'done';
        step.output = e.output.slice(0, 20_000);
        const edited = targetOfEdit(e.meta);
        if (edited) step.target = edited;
      }
      break;
    }
    case 'checkpoint':
      if (e.error) {
        s.items.push({ kind: 'notice', id: nextItemId('n'), text: e.error, level: 'error' });
        break;
      }
      if (e.reason === 'turn start') {
        const user = [...s.items].reverse().find((i): i is Extract<ChatItem, { kind: 'user' }> => i.kind === 'user');
        if (user && e.id) {
          user.checkpointId = e.id;
          user.rewind = ctx.rewindPoint();
        }
      } else if (e.toolCallId && e.id && e.id !== ctx.lastCheckpoint) {
        const step = tool(e.toolCallId);
        if (step) step.checkpointId = e.id;
      }
      if (e.skipped?.length) s.items.push({ kind: 'notice', id: nextItemId('n'), text: skippedNotice(e.skipped), level: 'info' });
      ctx.lastCheckpoint = e.id ?? ctx.lastCheckpoint;
      break;
    case 'hook': {
      // A hook around a tool call is shown in that step; the others (prompt, stop, session start) as a notice.
      const note = hookNote(e.report);
      const step = e.report.toolCallId ? tool(e.report.toolCallId) : undefined;
      if (step) step.hooks = [...(step.hooks ?? []), note];
      // A blocked prompt is said by the turn's error already.
      else if ((note.level === 'error' || e.report.message) && !(e.report.event === 'UserPromptSubmit' && e.report.outcome === 'blocked')) s.items.push({ kind: 'notice', id: nextItemId('n'), ...note });
      break;
    }
    case 'notice':
      s.items.push({ kind: 'notice', id: nextItemId('n'), text: e.message, level: 'info' });
      break;
    case 'usage':
      s.usage = { inputTokens: e.totalInputTokens, outputTokens: e.totalOutputTokens };
      break;
    case 'retry':
      serverError.onRetry(s, e);
      break;
    case 'error':
      if (!serverError.onError(s, e)) s.items.push({ kind: 'notice', id: nextItemId('n'), text: e.message, level: 'error' });
      break;
    case 'done':
      if (e.reason === 'cancelled') s.items.push({ kind: 'notice', id: nextItemId('n'), text: 'Stopped.', level: 'info' });
      else if (e.reason === 'stepLimit') s.items.push({ kind: 'notice', id: nextItemId('n'), text: e.message ?? 'The step limit was reached.', level: 'error' });
      break;
  }
}
