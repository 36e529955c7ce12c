// The messages between the chat webview and the extension, as zod schemas shared by both sides:
// every message is validated where it arrives, and anything unknown is refused.
import { z } from 'zod';

export const ToExtension = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('send'), text: z.string().min(1).max(200_000) }),
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
  z.object({ type: z.literal('decide'), requestId: z.string().min(1), allow: z.boolean(), remember: z.boolean().optional() }),
  z.object({ type: z.literal('insertCode'), code: z.string().max(1_000_000) }),
  z.object({ type: z.literal('copyCode'), code: z.string().max(1_000_000) }),
  /** Restore the workspace to the checkpoint of a user message (before it) or of a tool step (after it). */
  z.object({ type: z.literal('restoreCheckpoint'), itemId: z.string().min(1) }),
  /** Edit an earlier user message and resend it: files and conversation go back to before it. */
  z.object({ type: z.literal('editMessage'), itemId: z.string().min(1), text: z.string().min(1).max(200_000) }),
  /** Send the last user message again from the state before it. */
  z.object({ type: z.literal('retry') }),
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
  }),
  z.object({ kind: z.literal('notice'), id: z.string(), text: z.string(), level: z.enum(['info', 'error']) }),
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
  /** Guard findings in the lines this change adds. */
  findings: z.array(z.object({ ruleId: z.string(), cwe: z.string(), severity: z.enum(['high', 'medium', 'low']), message: z.string(), fix: z.string(), line: z.number() })).optional(),
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
});
export type PendingDecision = z.infer<typeof PendingDecision>;

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
});
export type PanelState = z.infer<typeof PanelState>;

export const ToWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: PanelState }),
  z.object({ type: z.literal('focusPrompt') }),
  z.object({ type: z.literal('refused'), message: z.string() }),
]);
export type ToWebview = z.infer<typeof ToWebview>;
