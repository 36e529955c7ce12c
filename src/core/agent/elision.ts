// Owns eliding what the model no longer needs verbatim: a large tool-call argument (a 10 MB
// write_file content) once its call has been answered, and a large tool result once the model has
// answered after seeing it. Each is replaced by a short description that says what it was and that
// it was already acted on. Compaction cannot do this by summarising alone: the latest step is kept
// verbatim, so a huge argument there would survive every compaction.
// Never touched: calls without a result yet (the current step), results the model has not seen yet,
// message order and count (tool-call/result pairing and rewind positions stay valid). The output is
// a pure function of the input, so an elided history is byte-identical on every later call (the
// prompt cache breaks once, where the elision happened, not on every call).
import type { Message, ToolCall } from '../llm/provider';

export interface ElisionLimits {
  /** Arguments longer than this (characters) of an answered call are described instead. */
  argChars: number;
  /** Results longer than this of a call the model has already answered after are described instead. */
  resultChars: number;
}

/** Arguments: small enough that a re-sent edit stays verbatim, large enough to catch file contents. */
export const DEFAULT_ARG_CHARS = 2_000;
/** A string field of an elided argument shorter than this stays (paths, commands, short options). */
const KEEP_FIELD_CHARS = 200;

const count = (n: number) => n.toLocaleString('en-US');

function pathOf(args: Record<string, unknown>): string | undefined {
  for (const key of ['path', 'file', 'filePath', 'file_path', 'target']) {
    const value = args[key];
    // A path long enough to be elided itself is not repeated in every description.
    if (typeof value === 'string') return value.length <= KEEP_FIELD_CHARS ? value : undefined;
  }
  return undefined;
}

function outcome(name: string, failed: boolean): string {
  if (failed) return 'not applied: the call failed (see its result)';
  if (/write|create/i.test(name)) return 'already written';
  if (/patch|edit|replace/i.test(name)) return 'already applied';
  return 'already sent';
}

/** The call's arguments with every long field replaced by a description; still valid JSON. */
export function describeArguments(call: ToolCall, failed: boolean): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(call.arguments);
  } catch {
    parsed = undefined;
  }
  const done = outcome(call.name, failed);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return JSON.stringify({ elided: `[${call.name} arguments of ${count(call.arguments.length)} characters, ${done}]` });
  }
  const args = parsed as Record<string, unknown>;
  const where = pathOf(args);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    out[key] = text !== undefined && text.length > KEEP_FIELD_CHARS ? `[${call.name} ${key} of ${count(text.length)} characters${where ? ` for ${where}` : ''}, ${done}]` : value;
  }
  return JSON.stringify(out);
}

export function describeResult(m: Extract<Message, { role: 'tool' }>): string {
  return `[${m.name} ${m.isError ? 'error' : 'result'} of ${count(m.content.length)} characters, already seen and acted on; left out to save context. Call ${m.name} again, narrower, if you need it.]`;
}

/** The history with acted-on large arguments and results described; `changed` counts replacements. */
export function elideActedOn(messages: Message[], limits: ElisionLimits): { messages: Message[]; changed: number } {
  const results = new Map<string, Extract<Message, { role: 'tool' }>>();
  for (const m of messages) if (m.role === 'tool') results.set(m.toolCallId, m);
  let lastAssistant = -1;
  messages.forEach((m, i) => {
    if (m.role === 'assistant') lastAssistant = i;
  });
  let changed = 0;
  const out = messages.map((m, i): Message => {
    if (m.role === 'assistant' && m.toolCalls?.some((c) => c.arguments.length > limits.argChars && results.has(c.id))) {
      const toolCalls = m.toolCalls.map((c) => {
        const result = results.get(c.id);
        if (c.arguments.length <= limits.argChars || !result) return c;
        const described = describeArguments(c, result.isError === true);
        if (described.length >= c.arguments.length) return c;
        changed++;
        return { ...c, arguments: described };
      });
      return { ...m, toolCalls };
    }
    if (m.role === 'tool' && i < lastAssistant && m.content.length > limits.resultChars) {
      const described = describeResult(m);
      if (described.length >= m.content.length) return m;
      changed++;
      return { ...m, content: described };
    }
    return m;
  });
  return { messages: changed ? out : messages, changed };
}
