// Owns compaction: when the conversation nears the context budget (or the server says it is too
// long), the older part is summarised BY THE MODEL and replaced by that summary, so the task can go
// on. The summary request reuses the same system prompt and tool list (prompt caching) and asks for
// a plain answer. The kept tail never starts inside a tool call/result group. Where the provider
// offers server-side compaction (OpenAI's Responses API), that is tried first on the same older part;
// when it fails or is absent, the model-written summary is the fallback.
import type { Message, ModelProvider, ModelRequest } from '../llm/provider';
import { estimateMessageTokens } from '../llm/tokens';

export const SUMMARY_PROMPT = `The conversation above is being compacted to fit the context window. Write a summary that lets you continue the work without it:
- the user's goals and requests, verbatim where they matter;
- what has been done so far: files read, files changed (with what), commands run and their outcomes;
- what is still to do, open problems and the next step;
- facts you will need again (names, paths, error messages).
Answer with the summary only; do not call tools.`;

export const SUMMARY_HEADER = 'Summary of the earlier conversation (older messages were compacted to fit the context window):';

/**
 * Index where the kept tail starts: the earliest message boundary whose tail fits keepTokens, else
 * the last boundary. A boundary is any message but a tool result (results stay with their call).
 * Undefined when there is nothing older to summarise.
 */
export function compactionBoundary(messages: Message[], keepTokens: number): number | undefined {
  let tail = 0;
  let best: number | undefined;
  let last: number | undefined;
  for (let i = messages.length - 1; i >= 1; i--) {
    tail += estimateMessageTokens(messages[i]);
    if (messages[i].role === 'tool') continue;
    last ??= i;
    if (tail <= keepTokens) best = i;
    else break;
  }
  return best ?? last;
}

export interface CompactionOutcome {
  messages: Message[];
  summarised: number;
  /** 'server': the API's own compaction; 'summary': a summary the model wrote. */
  method: 'server' | 'summary';
  /** How many messages at the end are the kept tail (unchanged). */
  kept: number;
  /** Why server compaction was not used although the provider offers it (it failed). */
  serverFailure?: string;
}

export interface CompactionRequest {
  provider: ModelProvider;
  base: Omit<ModelRequest, 'messages' | 'toolChoice'>;
  messages: Message[];
  keepTokens: number;
  /** The task of the turn in progress; restated verbatim if it falls in the summarised part. */
  currentTask?: string;
  signal: AbortSignal;
}

/** Summarises the older part; undefined when there is nothing to compact. Throws LlmError on failure. */
export async function compactConversation(r: CompactionRequest): Promise<CompactionOutcome | undefined> {
  const boundary = compactionBoundary(r.messages, r.keepTokens);
  if (boundary === undefined) return undefined;
  const older = r.messages.slice(0, boundary);
  const kept = r.messages.slice(boundary);
  if (older.every((m) => m.role === 'user' && m.kind === 'context')) return undefined;
  // The environment message stays as it is: it is not counted among the messages summarised.
  const summarised = older.filter((m) => !(m.role === 'user' && m.kind === 'context')).length;
  let serverFailure: string | undefined;
  if (r.provider.compact) {
    try {
      const replaced = await r.provider.compact({ ...r.base, messages: older }, r.signal);
      if (replaced) {
        // The server keeps user messages verbatim; the environment message must survive in any case.
        const lost = older.filter((m) => m.role === 'user' && m.kind === 'context' && !replaced.includes(m));
        const visible = (m: Message) => m.role === 'user' && m.content === r.currentTask;
        const task: Message[] = r.currentTask && !replaced.some(visible) && !kept.some(visible) ? [{ role: 'user', content: `The task in progress, verbatim:\n${r.currentTask}` }] : [];
        return { messages: [...lost, ...replaced, ...task, ...kept], summarised, method: 'server', kept: kept.length };
      }
    } catch (err) {
      if (r.signal.aborted) throw err;
      serverFailure = err instanceof Error ? `${err.message}${(err as { detail?: string }).detail ? ` (${(err as { detail?: string }).detail})` : ''}` : String(err);
    }
  }
  const response = await r.provider.stream(
    { ...r.base, messages: [...older, { role: 'user', content: SUMMARY_PROMPT }], toolChoice: 'none' },
    r.signal,
    () => {},
  );
  const summary = response.text.trim() || '(The model returned an empty summary.)';
  const taskIsKept = kept.some((m) => m.role === 'user' && m.kind === undefined && m.content === r.currentTask);
  // The environment message (workspace, test command, AGENTS.md) must survive compaction verbatim.
  const context = older.filter((m) => m.role === 'user' && m.kind === 'context');
  const restated = r.currentTask && !taskIsKept ? `\n\nThe task in progress, verbatim:\n${r.currentTask}` : '';
  return {
    messages: [...context, { role: 'user', kind: 'summary', content: `${SUMMARY_HEADER}\n${summary}${restated}` }, ...kept],
    summarised,
    method: 'summary',
    kept: kept.length,
    ...(serverFailure ? { serverFailure } : {}),
  };
}
