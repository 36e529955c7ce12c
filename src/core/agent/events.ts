// Owns the typed events the agent loop emits. The panel, the CLI (text and --json) and tests are all
// renderers of this one stream; every event is plain JSON so it can cross a webview or a pipe.
import type { ApprovalRequest } from '../changes/approval';
import type { PlanStep } from '../tools/updatePlan';
import type { HookReport } from '../hooks/engine';

export type DoneReason = 'answer' | 'cancelled' | 'stepLimit' | 'error';

export type AgentEvent =
  | { type: 'turnStarted'; turn: number; task: string; mode?: 'act' | 'plan' }
  /** Visible answer text as it streams. */
  | { type: 'text'; delta: string }
  /** The model's reasoning as it streams (servers that send it); not part of the answer. */
  | { type: 'reasoning'; delta: string }
  /** One model call begins (step 1 is the first call of the turn). */
  | { type: 'step'; step: number }
  | { type: 'toolCallStarted'; id: string; name: string; arguments: string }
  /** Partial output of a long-running tool (command output). */
  | { type: 'toolOutput'; id: string; chunk: string }
  | { type: 'toolCallFinished'; id: string; name: string; output: string; isError: boolean; meta?: Record<string, unknown> }
  /** A decision is needed; the approver passed to the agent is asked right after this event. */
  | { type: 'approvalNeeded'; request: ApprovalRequest }
  /** `command`: the command as the user edited it before allowing it (it runs instead of the model's). */
  | { type: 'approvalResolved'; toolCallId: string; approved: boolean; reason?: string; command?: string }
  /** A model call failed and will be tried again after delayMs; kind/status/detail let each host word its own hint. */
  | { type: 'retry'; attempt: number; delayMs: number; message: string; kind?: string; status?: number; detail?: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number; cachedTokens?: number; totalInputTokens: number; totalOutputTokens: number }
  | {
      type: 'compaction';
      reason: 'budget' | 'contextTooLong' | 'manual';
      tokensBefore: number;
      tokensAfter: number;
      summarisedMessages: number;
      /** Messages at the end kept as they were (absent when nothing was summarised). */
      keptMessages?: number;
      /** 'server': the API's own compaction (Responses API); 'summary': a model-written summary; absent when only large content was elided. */
      method?: 'server' | 'summary';
      /** Set when server compaction was tried and failed, so the summary was used instead. */
      serverFailure?: string;
    }
  /** A snapshot of the workspace was taken (restorable), or could not be (`error`). */
  | { type: 'checkpoint'; id?: string; reason: string; step?: number; toolCallId?: string; files?: number; skipped?: string[]; error?: string }
  /** kind/status/detail/attempts describe a model-server failure (detail is the server's own text, redacted). */
  | { type: 'error'; message: string; kind?: string; status?: number; detail?: string; attempts?: number }
  | { type: 'done'; reason: DoneReason; message?: string; steps: number }
  /** The agent's checklist changed (update_plan): the whole list. */
  | { type: 'plan'; steps: PlanStep[]; explanation?: string }
  /** A message the user queued during the turn was delivered to the model (before the step's call). */
  | { type: 'userMessage'; id: string; text: string }
  /** A hook ran (hooks.json): what it answered, shown in the step it belongs to (toolCallId) or the turn. */
  | { type: 'hook'; report: HookReport }
  /** Something the user should know that is not an error (e.g. the model gets its tools as text now). */
  | { type: 'notice'; message: string };

export type AgentEventListener = (event: AgentEvent) => void;
