// The messages between the chat webview and the extension, as zod schemas shared by both sides:
// every message is validated where it arrives, and anything unknown is refused.
import * as z from 'zod';
import { conversationMessages, ConversationState } from './conversation';
import { EditorContext, MentionQuery, MentionResults, SendContext } from './sendContext';
import { followViewMessages, StepTarget, SummaryItem } from './followViews';
import { historyMessages, HistoryState, TaskSearchResults } from './history';

/** The commands panel buttons may run; anything else is refused. */
export const PANEL_COMMANDS = ['openSettings', 'showLog', 'setApiKey', 'selectModel', 'connect'] as const;

export const ToExtension = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('send'), text: z.string().min(1).max(200_000), context: SendContext.optional() }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('newTask') }),
  z.object({ type: z.literal('openTask'), taskId: z.string().min(1) }),
  z.object({ type: z.literal('approve'), changeId: z.string().min(1) }),
  z.object({ type: z.literal('reject'), changeId: z.string().min(1), reason: z.string().max(2000).optional() }),
  z.object({ type: z.literal('approveAll') }),
  z.object({ type: z.literal('rejectAll'), reason: z.string().max(2000).optional() }),
  z.object({ type: z.literal('viewDiff'), changeId: z.string().min(1) }),
  /** One hunk of a change card approved or rejected (the card is decided once every hunk is). */
  z.object({ type: z.literal('decideHunk'), changeId: z.string().min(1), index: z.number().int().min(0), approve: z.boolean(), reason: z.string().max(2000).optional() }),
  /** `remember`: always allow (tools; commands: the card's exact entry). `command`: the command as the user edited it. */
  z.object({ type: z.literal('decide'), requestId: z.string().min(1), allow: z.boolean(), remember: z.boolean().optional(), command: z.string().min(1).max(200_000).optional() }),
  z.object({ type: z.literal('insertCode'), code: z.string().max(1_000_000) }),
  z.object({ type: z.literal('copyCode'), code: z.string().max(1_000_000) }),
  /** Apply an answer's code block to a file (the one it names, else the open editor) through the refactor preview. */
  z.object({ type: z.literal('applyCode'), code: z.string().max(1_000_000), path: z.string().min(1).max(1000).optional() }),
  /** Restore the workspace to the checkpoint of a user message (before it) or of a tool step (after it). */
  z.object({ type: z.literal('restoreCheckpoint'), itemId: z.string().min(1) }),
  /** Edit an earlier user message and resend it: files and conversation go back to before it. */
  z.object({ type: z.literal('editMessage'), itemId: z.string().min(1), text: z.string().min(1).max(200_000) }),
  /** Send the last user message again from the state before it. */
  z.object({ type: z.literal('retry') }),
  // A conversation the user controls (conversation.ts): mode, queued messages, answers to ask_user.
  ...conversationMessages,
  MentionQuery,
  /** Try the turn that failed on a model-server error again (the error bubble's Retry). */
  z.object({ type: z.literal('retryFailed') }),
  /** A button in the panel that runs a Tandem or workbench command (error bubble, welcome). */
  z.object({ type: z.literal('panelCommand'), command: z.enum(PANEL_COMMANDS) }),
  /** Best of k: propose this attempt's changes instead of the ones shown. */
  z.object({ type: z.literal('pickAttempt'), index: z.number().int().min(1) }),
  /** Best of k: open the diffs of one attempt's changes. */
  z.object({ type: z.literal('openAttemptDiff'), index: z.number().int().min(1) }),
  /** Best of k: the panel's attempts control (tandem.agent.attempts). */
  z.object({ type: z.literal('setAttempts'), count: z.number().int().min(1).max(16) }),
  // Summary card diffs and file links in tool steps (followViews.ts).
  ...followViewMessages,
  // Task history and New task while a task runs (history.ts).
  ...historyMessages,
]);
export type ToExtension = z.infer<typeof ToExtension>;

export const ChatItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('user'),
    id: z.string(),
    text: z.string(),
    /** What the model got when it differs from the text shown (a refactor command's full prompt). */
    prompt: z.string().optional(),
    /** The checkpoint of the workspace just before this message (edit and retry go back to it). */
    checkpointId: z.string().optional(),
    /** Where the conversation stood before this message: [message count, compactions]. */
    rewind: z.tuple([z.number(), z.number()]).optional(),
    /** Its turn changed no file, so it took no checkpoint (they are lazy): going back to it restores the next later one, if any. */
    unchanged: z.boolean().optional(),
    /** What was attached to it (selection, mentions, images), as short labels. */
    attached: z.array(z.string()).optional(),
  }),
  z.object({ kind: z.literal('assistant'), id: z.string(), markdown: z.string() }),
  z.object({
    kind: z.literal('tool'),
    id: z.string(),
    name: z.string(),
    summary: z.string(),
    state: z.enum(['running', 'done', 'failed']),
    output: z.string(),
    /** The checkpoint taken after this step when it changed files (Restore goes back to it). */
    checkpointId: z.string().optional(),
    /** The file the step is about, opened at its line from the panel (followViews.ts). */
    target: StepTarget.optional(),
    /** The call waits for the user's approval (a card below): not running yet. */
    waiting: z.boolean().optional(),
    /** The user edited the command before it ran: `summary` is the command that ran. */
    edited: z.boolean().optional(),
    /** What the hooks (hooks.json) around this call did, one line each. */
    hooks: z.array(z.object({ text: z.string(), level: z.enum(['info', 'error']) })).optional(),
  }),
  z.object({ kind: z.literal('notice'), id: z.string(), text: z.string(), level: z.enum(['info', 'error']) }),
  /** A model-server failure, one bubble updated in place: retrying (next attempt at retryAt, epoch ms), then failed. */
  z.object({ kind: z.literal('serverError'), id: z.string(), state: z.enum(['retrying', 'failed', 'connected']), message: z.string(), attempt: z.number(), retryAt: z.number().optional(), errorKind: z.string().optional(), detail: z.string().optional() }),
  /** The card a turn ends with (followViews.ts). */
  SummaryItem,
]);
export type ChatItem = z.infer<typeof ChatItem>;

export const ChangeCard = z.object({
  id: z.string(),
  path: z.string(),
  kind: z.enum(['create', 'update', 'delete', 'move']),
  newPath: z.string().optional(),
  added: z.number(),
  removed: z.number(),
  diff: z.string(),
  /** The change's hunks, each approved or rejected on its own (with line numbers in the header). */
  hunks: z.array(z.object({ index: z.number(), text: z.string(), oldStart: z.number(), newStart: z.number(), verdict: z.enum(['approved', 'rejected']).optional() })).optional(),
  /** Guard findings in the lines this change adds; source 'model': the model reviewer's. */
  findings: z.array(z.object({ ruleId: z.string(), cwe: z.string(), severity: z.enum(['high', 'medium', 'low']), message: z.string(), fix: z.string(), line: z.number(), source: z.enum(['model']).optional() })).optional(),
  /** The model reviewer's run for the edit this card belongs to (on its first card): model, time, cost, or why it failed. */
  review: z.object({ status: z.enum(['ok', 'failed', 'skipped']), model: z.string(), durationMs: z.number(), tokens: z.number().optional(), costUsd: z.number().optional(), note: z.string().optional() }).optional(),
});
export type ChangeCard = z.infer<typeof ChangeCard>;

export const PendingDecision = z.object({
  requestId: z.string(),
  kind: z.enum(['command', 'read', 'tool']),
  /** The exact command, path or tool call. */
  subject: z.string(),
  /** Folder (commands) or arguments (tools). */
  detail: z.string(),
  reason: z.string(),
  /** Commands: the exact allowlist entry "Run and always allow" adds to the workspace settings. */
  alwaysPattern: z.string().optional(),
  /** Commands: why "always allow" is not offered for this one. */
  alwaysRefused: z.string().optional(),
});
export type PendingDecision = z.infer<typeof PendingDecision>;

/** Best of k: the attempts of the last task, side by side (src/vscode/chat/attemptsFlow.ts). */
export const AttemptsView = z.object({
  total: z.number(),
  testCommand: z.string(),
  rows: z.array(
    z.object({
      index: z.number(),
      model: z.string(),
      state: z.enum(['running', 'done', 'failed']),
      /** passed, failed (N), timed out, not run. */
      tests: z.string(),
      passed: z.boolean(),
      files: z.number(),
      added: z.number(),
      removed: z.number(),
      tokens: z.number(),
      durationMs: z.number(),
      /** Its changes are the ones proposed. */
      chosen: z.boolean(),
    }),
  ),
  passAtK: z.record(z.string(), z.number()).optional(),
  /** Reopened from the history: a record of the run (its copies are gone; nothing to pick or diff). */
  archived: z.boolean().optional(),
});
export type AttemptsView = z.infer<typeof AttemptsView>;

export const PanelState = z.object({
  taskId: z.string(),
  title: z.string(),
  running: z.boolean(),
  model: z.string(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }),
  items: z.array(ChatItem),
  changes: z.array(ChangeCard),
  decisions: z.array(PendingDecision),
  tasks: z.array(z.object({ id: z.string(), title: z.string(), updated: z.number() })),
  /** Why the agent may not edit or run here (untrusted workspace), if it may not. */
  readOnlyReason: z.string().optional(),
  attempts: AttemptsView.optional(),
  /** tandem.agent.attempts, shown and changed by the panel's attempts control. */
  attemptCount: z.number().optional(),
}).extend(ConversationState.shape).extend(HistoryState.shape);
export type PanelState = z.infer<typeof PanelState>;

/** What the last check of the model server found (the welcome shows it). */
export const ServerInfo = z.object({
  state: z.enum(['checking', 'ok', 'failed']),
  baseUrl: z.string(),
  message: z.string().optional(),
  models: z.array(z.string()).optional(),
  missing: z.array(z.string()).optional(),
});
export type ServerInfo = z.infer<typeof ServerInfo>;

export const ToWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('server'), server: ServerInfo }),
  z.object({ type: z.literal('state'), state: PanelState }),
  z.object({ type: z.literal('focusPrompt') }),
  z.object({ type: z.literal('refused'), message: z.string() }),
  EditorContext,
  MentionResults,
  TaskSearchResults,
]);
export type ToWebview = z.infer<typeof ToWebview>;
