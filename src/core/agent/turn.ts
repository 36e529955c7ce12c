// Owns one turn: the user's task goes in, then model call → tool calls → results → model … until
// the model answers without tool calls, the user cancels, a fatal error happens or the step limit is
// reached. Every ending emits exactly one `done` event.
import { LlmError } from '../llm/errors';
import type { ImagePart } from '../llm/provider';
import type { AgentEventListener, DoneReason } from './events';
import type { MessageQueue } from './messageQueue';
import { callModel, type StepDeps } from './step';
import { prepareCalls, runToolCalls, type ToolRuntimeDeps } from './toolRuntime';
import type { AgentHooks, HookCallContext } from '../hooks/engine';

export interface TurnDeps {
  step: Omit<StepDeps, 'task'>;
  runtime: ToolRuntimeDeps;
  maxSteps: number;
  emit: AgentEventListener;
  /** Messages the user queued during the turn: delivered before each model call. */
  queue?: MessageQueue;
  mode?: 'act' | 'plan';
  /** UserPromptSubmit and Stop hooks (hooks.json); `prompt`: the user's words (the task may carry a plan-mode note). */
  hooks?: { hooks: AgentHooks; sessionId: string; prompt?: string };
}

/** How often Stop hooks may send the agent back to work in one turn (a hook that always blocks must not loop forever). */
export const MAX_STOP_CONTINUATIONS = 3;

/** The user's message as the model receives it: the task with attached context, and images. */
export interface TurnInput {
  content: string;
  images?: ImagePart[];
}

export interface TurnResult {
  reason: DoneReason;
  /** The final answer text (for 'answer'), or the visible text of the last step. */
  text: string;
  steps: number;
  message?: string;
}

export function stepLimitMessage(maxSteps: number): string {
  return `Stopped after ${maxSteps} steps, the step limit (tandem.agent.maxSteps / --max-steps), before the task was finished. Send "continue" to let the agent go on, or raise the limit.`;
}

function errorMessage(err: unknown): { message: string; kind?: string; status?: number; detail?: string; attempts?: number } {
  if (err instanceof LlmError) {
    return { message: err.message, kind: err.kind, ...(err.status ? { status: err.status } : {}), ...(err.detail ? { detail: err.detail } : {}), ...(err.attempts ? { attempts: err.attempts } : {}) };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

export async function runTurn(d: TurnDeps, task: string, signal: AbortSignal, input?: TurnInput): Promise<TurnResult> {
  const result = await turnSteps(d, task, signal, input);
  // Checkpoints still being written (lazy ones overlap the next model request) end before the turn does.
  await d.runtime.checkpoint?.settle?.();
  d.emit({ type: 'done', reason: result.reason, steps: result.steps, ...(result.message ? { message: result.message } : {}) });
  return result;
}

async function turnSteps(d: TurnDeps, task: string, signal: AbortSignal, input?: TurnInput): Promise<TurnResult> {
  const { session } = d.step;
  const stepDeps: StepDeps = { ...d.step, task };
  session.turns += 1;
  d.emit({ type: 'turnStarted', turn: session.turns, task, ...(d.mode ? { mode: d.mode } : {}) });
  // The state before the user's message: rewinding the conversation to here restores these files.
  const end = (reason: DoneReason, steps: number, text: string, message?: string): TurnResult => ({ reason, steps, text, ...(message ? { message } : {}) });
  const hc: HookCallContext | undefined = d.hooks && { sessionId: d.hooks.sessionId, signal, report: (report) => d.emit({ type: 'hook', report }) };
  let content = input?.content ?? task;
  if (d.hooks && hc) {
    // A blocked prompt never reaches the model or the conversation; the user reads why.
    const submitted = await d.hooks.hooks.userPromptSubmit(d.hooks.prompt ?? task, hc);
    if (submitted.blocked) {
      const message = `A UserPromptSubmit hook blocked this message; it was not sent to the model. The hook said: ${submitted.blocked}`;
      d.emit({ type: 'error', message, kind: 'hookBlocked' });
      return end('error', 0, '', message);
    }
    if (submitted.context) content += `\n\n<user-prompt-submit-hook>\n${submitted.context}\n</user-prompt-submit-hook>`;
  }
  if (d.runtime.checkpoint && !signal.aborted) await d.runtime.checkpoint({ reason: 'turn start' }, signal);
  session.push({ role: 'user', content, ...(input?.images?.length ? { images: input.images } : {}) });
  let stopContinuations = 0;
  const cancelled = (steps: number, text = '') => end('cancelled', steps, text, 'Cancelled.');

  for (let step = 1; step <= d.maxSteps; step++) {
    if (signal.aborted) return cancelled(step - 1);
    // What the user typed while the last step ran goes in before the next call.
    for (const m of d.queue?.drain() ?? []) {
      session.push({ role: 'user', content: m.text });
      d.emit({ type: 'userMessage', id: m.id, text: m.text });
    }
    d.emit({ type: 'step', step });
    let response;
    try {
      response = await callModel(stepDeps, signal);
    } catch (err) {
      if (signal.aborted) return cancelled(step);
      const e = errorMessage(err);
      d.emit({ type: 'error', ...e });
      return end('error', step, '', e.message);
    }
    const prepared = prepareCalls(response.toolCalls, (id) => session.hasCallId(id));
    session.push({ role: 'assistant', content: response.text, ...(prepared.calls.length ? { toolCalls: prepared.calls } : {}) });
    if (prepared.calls.length === 0) {
      if (signal.aborted) return cancelled(step, response.text);
      // The user wrote while the model answered: one more step, so it reads the new messages.
      if (d.queue?.size && step < d.maxSteps) continue;
      // A Stop hook may send the agent back to work with its reason, a few times per turn.
      if (d.hooks && hc && step < d.maxSteps && stopContinuations < MAX_STOP_CONTINUATIONS) {
        // A hook may change files: the last snapshot is written first.
        await d.runtime.checkpoint?.flush?.();
        const stop = await d.hooks.hooks.stop(stopContinuations > 0, response.text, hc);
        if (stop.continueWith && !signal.aborted) {
          stopContinuations++;
          session.push({ role: 'user', content: `A Stop hook did not let you finish yet. It said:\n${stop.continueWith}` });
          continue;
        }
      }
      return end('answer', step, response.text);
    }
    const { results, fatal } = await runToolCalls({ ...d.runtime, step }, prepared, signal);
    session.push(...results);
    if (signal.aborted) return cancelled(step, response.text);
    if (fatal) {
      d.emit({ type: 'error', message: fatal });
      return end('error', step, response.text, fatal);
    }
  }
  const message = stepLimitMessage(d.maxSteps);
  d.emit({ type: 'error', message, kind: 'stepLimit' });
  return end('stepLimit', d.maxSteps, '', message);
}
