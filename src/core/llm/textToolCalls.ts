// Owns tool calls written as text, for models and servers without native function calling: the
// system-prompt section that describes the tools in the format Qwen and Hermes models are trained on
// (<tools> JSON lines; calls as <tool_call>{"name": …, "arguments": {…}}</tool_call>; results as
// <tool_response>…</tool_response>), the conversation mapped into that form, a reader of the calls that
// forgives what small models do (code fences, text after the call, single-quoted or Python-style
// JSON, a missing closing tag), and a stream filter that lets only the text before the first call out.
import type { Message, ToolCall, ToolSpec } from './provider';

const OPEN = '<tool_call>';
const OPEN_RE = /<tool_call\s*>/i;
const CALL_RE = /<tool_call\s*>([\s\S]*?)(?:<\/tool_call\s*>|(?=<tool_call\s*>)|$)/gi;
/** A fence opened just before the first call ("```json\n<tool_call>") belongs to the call, not the answer. */
const TRAILING_FENCE = /\n?[ \t]*```[\w-]*[ \t]*\n?[ \t]*$/;

export function textToolsPrompt(tools: ToolSpec[]): string {
  return [
    '# Tools',
    '',
    'You can call tools. They are described here instead of through the API: call one by writing a block in exactly this form:',
    '',
    '<tool_call>',
    '{"name": "<tool name>", "arguments": {<the arguments as a JSON object>}}',
    '</tool_call>',
    '',
    '- Write what you want to tell the user first, then the tool calls; write nothing after the last call. You may make several calls in one answer, one block each.',
    '- The arguments are JSON (double quotes) matching the tool\'s parameters below.',
    '- The results come back in the next message, one <tool_response> block per call, in the order of the calls.',
    '- When you need no tool, answer normally, without any <tool_call>.',
    '',
    'The tools, with the JSON Schema of their parameters:',
    '<tools>',
    ...tools.map((t) => JSON.stringify(t)),
    '</tools>',
  ].join('\n');
}

function argumentsValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** The conversation as a model without native tools reads it: calls and results as text. */
export function toTextToolMessages(messages: Message[]): Message[] {
  const out: Message[] = [];
  let results: Extract<Message, { role: 'tool' }>[] = [];
  const flush = () => {
    if (!results.length) return;
    const images = results.flatMap((r) => r.images ?? []);
    const content = results.map((r) => `<tool_response>\n${r.isError ? `Error from ${r.name}: ` : ''}${r.content}\n</tool_response>`).join('\n');
    out.push({ role: 'user', content, ...(images.length ? { images } : {}) });
    results = [];
  };
  for (const m of messages) {
    if (m.role === 'tool') {
      results.push(m);
      continue;
    }
    flush();
    if (m.role === 'assistant' && m.toolCalls?.length) {
      const calls = m.toolCalls.map((c) => `${OPEN}\n${JSON.stringify({ name: c.name, arguments: argumentsValue(c.arguments) })}\n</tool_call>`);
      out.push({ role: 'assistant', content: [m.content.trim(), ...calls].filter(Boolean).join('\n') });
    } else out.push(m);
  }
  flush();
  return out;
}

/** The first balanced {...} of `text` (quotes of both kinds respected): what comes after is dropped. */
function firstObject(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

/** Single-quoted strings to JSON strings, Python's True/False/None to JSON, trailing commas dropped. */
function relaxedToJson(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      let s = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== ch; j++) {
        if (text[j] === '\\' && j + 1 < text.length) {
          const next = text[++j];
          if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 1, j + 5))) {
            s += String.fromCharCode(parseInt(text.slice(j + 1, j + 5), 16));
            j += 4;
          } else s += ESCAPES[next] ?? next;
        } else s += text[j];
      }
      out += JSON.stringify(s);
      i = j;
    } else out += ch;
  }
  return out.replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null').replace(/,\s*([}\]])/g, '$1');
}

function parseObject(body: string): { value?: Record<string, unknown>; error?: string } {
  const unfenced = body.trim().replace(/^```[\w-]*\s*/, '').replace(/\s*```\s*$/, '').trim();
  const object = firstObject(unfenced);
  if (!object) return { error: unfenced ? `no JSON object in ${JSON.stringify(unfenced.slice(0, 80))}` : 'the block is empty' };
  let firstError = '';
  for (const candidate of [object, () => relaxedToJson(object)]) {
    try {
      const text = typeof candidate === 'function' ? candidate() : candidate;
      const v = JSON.parse(text) as unknown;
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return { value: v as Record<string, unknown> };
      return { error: 'the block is not a JSON object' };
    } catch (err) {
      firstError ||= (err as Error).message;
    }
  }
  return { error: `its JSON does not parse (${firstError})` };
}

/** One call from its parsed object: {"name", "arguments"} (also "parameters", or an OpenAI-style "function"). */
function toCall(v: Record<string, unknown>, index: number): { call?: ToolCall; error?: string } {
  const fn = typeof v.function === 'object' && v.function !== null ? (v.function as Record<string, unknown>) : v;
  const name = typeof fn.name === 'string' ? fn.name.trim() : '';
  if (!name) return { error: 'it has no "name"' };
  let args = fn.arguments ?? fn.parameters ?? fn.args ?? {};
  if (typeof args === 'string') {
    const parsed = args.trim() ? parseObject(args) : { value: {} };
    if (parsed.error) return { error: `the arguments of ${name} are a string that is not a JSON object (${parsed.error})` };
    args = parsed.value ?? {};
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return { error: `the "arguments" of ${name} must be a JSON object` };
  return { call: { id: `text_call_${index + 1}`, name, arguments: JSON.stringify(args) } };
}

export interface TextToolCalls {
  /** The answer's text before the first call (what the user reads). */
  text: string;
  calls: ToolCall[];
  /** One sentence per block that could not be read. */
  errors: string[];
}

export function parseTextToolCalls(answer: string): TextToolCalls {
  const first = answer.search(OPEN_RE);
  if (first < 0) return { text: answer, calls: [], errors: [] };
  const text = answer.slice(0, first).replace(TRAILING_FENCE, '').trimEnd();
  const calls: ToolCall[] = [];
  const errors: string[] = [];
  let n = 0;
  for (const m of answer.slice(first).matchAll(CALL_RE)) {
    n++;
    const parsed = parseObject(m[1]);
    const result = parsed.value ? toCall(parsed.value, calls.length) : { error: parsed.error };
    if (result.call) calls.push(result.call);
    else errors.push(`<tool_call> number ${n}: ${result.error}`);
  }
  return { text, calls, errors };
}

/**
 * Passes streamed text through until the first <tool_call>: holds back a tail that may be the start
 * of the tag, or a fence line that may open the call, until the next characters decide.
 */
export class TextCallStreamFilter {
  private pending = '';
  private stopped = false;

  push(delta: string): string {
    if (this.stopped) return '';
    this.pending += delta;
    const at = this.pending.search(OPEN_RE);
    if (at >= 0) {
      this.stopped = true;
      const out = this.pending.slice(0, at).replace(TRAILING_FENCE, '').trimEnd();
      this.pending = '';
      return out;
    }
    const keep = this.heldFrom();
    const out = this.pending.slice(0, keep);
    this.pending = this.pending.slice(keep);
    return out;
  }

  /** What is still held when the stream ends without a call. */
  end(): string {
    if (this.stopped) return '';
    const out = this.pending;
    this.pending = '';
    return out;
  }

  private heldFrom(): number {
    const p = this.pending;
    let from = p.length;
    // A tail that is a prefix of "<tool_call>" (any case).
    for (let k = Math.min(OPEN.length, p.length); k > 0; k--) {
      if (OPEN.startsWith(p.slice(-k).toLowerCase())) {
        from = p.length - k;
        break;
      }
    }
    // Before it, a fence line (or the start of one) with nothing after it may open "```json\n<tool_call>".
    const fence = /(^|\n)[ \t]*(`{1,2}|```[\w-]*)[ \t]*\n?[ \t]*$/.exec(p.slice(0, from));
    if (fence) from = fence.index + (fence[1] ? 1 : 0);
    // White space before what is held: the answer's text before a call ends without it (as parsed).
    return p.slice(0, from).trimEnd().length;
  }
}
