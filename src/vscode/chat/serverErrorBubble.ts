// Owns the error bubble of a model-server failure: the first retry makes one bubble, later retries
// update it (attempt and the time of the next one, which the panel counts down), the final error turns
// it into the failure with its buttons, a working connection afterwards (Connect) turns it into
// "connected" with Retry, and an answer after a retry removes it. Other errors (a fatal
// tool error, the step limit) stay plain notices.
import type { AgentEvent } from '../../core/agent/events';
import type { ChatItem, PanelState } from '../../protocol/messages';

let seq = 0;
const nextId = () => `se${Date.now().toString(36)}${++seq}`;

type Bubble = Extract<ChatItem, { kind: 'serverError' }>;
const SERVER_KINDS = new Set(['unreachable', 'timeout', 'auth', 'notFound', 'rateLimited', 'server', 'contextTooLong', 'badRequest', 'badResponse']);

/** The bubble of the turn in progress: the last item when it is still retrying. */
function openBubble(s: PanelState): Bubble | undefined {
  const last = s.items[s.items.length - 1];
  return last?.kind === 'serverError' && last.state === 'retrying' ? last : undefined;
}

export function onRetry(s: PanelState, e: Extract<AgentEvent, { type: 'retry' }>, now = Date.now()): void {
  const bubble = openBubble(s);
  const fields = { state: 'retrying' as const, message: e.message, attempt: e.attempt, retryAt: now + e.delayMs };
  if (bubble) Object.assign(bubble, fields);
  else s.items.push({ kind: 'serverError', id: nextId(), ...fields });
}

/** True when the error was a model-server failure and the bubble shows it. */
export function onError(s: PanelState, e: Extract<AgentEvent, { type: 'error' }>): boolean {
  const bubble = openBubble(s);
  if (!bubble && !(e.kind && SERVER_KINDS.has(e.kind))) return false;
  const failed: Bubble = { kind: 'serverError', id: bubble?.id ?? nextId(), state: 'failed', message: e.message, attempt: e.attempts ?? bubble?.attempt ?? 1, ...(e.kind ? { errorKind: e.kind } : {}), ...(e.detail ? { detail: e.detail } : {}) };
  if (bubble) s.items[s.items.length - 1] = failed;
  else s.items.push(failed);
  return true;
}

/** Something arrived from the model (or the turn ended otherwise): a retrying bubble has done its job. */
export function onProgress(s: PanelState, e: AgentEvent): void {
  if (e.type === 'retry' || e.type === 'error' || e.type === 'step') return;
  if (e.type === 'done' && e.reason === 'error') return;
  if (openBubble(s)) s.items.pop();
}

/** Errors a working connection answers (a server error, a refused request or a too-long context are not). */
const CONNECTION_KINDS = new Set(['unreachable', 'timeout', 'auth', 'notFound']);

/**
 * The server check found the configured server answering (after Connect, a new URL, model or key):
 * the open task's connection-error bubble says what it is connected to and keeps Retry, instead of
 * still saying "Cannot reach…". A chat model the server does not list is no fix (unless it lists none).
 */
export function onConnected(s: PanelState, server: { baseUrl: string; chatModel: string; models: readonly string[] }): boolean {
  const last = s.items[s.items.length - 1];
  if (last?.kind !== 'serverError' || !((last.state === 'failed' && CONNECTION_KINDS.has(last.errorKind ?? '')) || last.state === 'connected')) return false;
  if (server.models.length > 0 && !server.models.includes(server.chatModel)) return false;
  s.items[s.items.length - 1] = { kind: 'serverError', id: last.id, state: 'connected', message: `Connected to ${server.baseUrl} (model ${server.chatModel}). Retry sends your message again.`, attempt: last.attempt };
  return true;
}
