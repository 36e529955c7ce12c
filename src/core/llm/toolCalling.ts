// Owns how the agent's tools reach the model (tandem.agent.toolCalling): `native` sends them as API
// tools; `text` describes them in the system prompt and reads <tool_call> blocks from the answer
// (textToolCalls.ts); `auto` (the default) sends them natively and, when the server refuses `tools`
// (Ollama's "does not support tools", llama.cpp without --jinja, vLLM without
// --enable-auto-tool-choice), switches to text for that model at once and remembers it. A text answer
// whose <tool_call> cannot be read gets one repair request carrying the parse error; a second failure
// ends the turn with a clear error. Everything after the calls are read — approvals, guard, sandbox —
// is the same loop as for native calls.
import { LlmError } from './errors';
import type { DeltaListener, Message, ModelProvider, ModelRequest, ModelResponse, Usage } from './provider';
import { parseTextToolCalls, TextCallStreamFilter, textToolsPrompt, toTextToolMessages } from './textToolCalls';

import type { ToolCallingMode } from './toolCallingMode';

export type { ToolCallingMode } from './toolCallingMode';

/** The models (by server and name) that refused native tools. */
export interface ToolCallingMemory {
  has(key: string): boolean;
  add(key: string): void;
}

/** For the life of the process (the editor's window, one CLI run). */
const processMemory: ToolCallingMemory = new Set<string>();

const NAMES_TOOLS = /\b(tools?|tool_choice|tool[ -]calls?|function[ _-]?call(ing|s)?|functions)\b/i;
const REFUSES = /not support|unsupported|does ?n[o']t|requires?|--jinja|jinja|unrecogni[sz]ed|unknown|not (allowed|permitted|available|enabled)|extra (inputs|fields)|auto-tool-choice/i;

/** True for a server's refusal of the `tools` parameter itself (not of one tool's schema). */
export function refusesTools(err: unknown): boolean {
  if (!(err instanceof LlmError) || (err.kind !== 'badRequest' && err.kind !== 'server')) return false;
  const text = `${err.detail ?? ''}`;
  return NAMES_TOOLS.test(text) && REFUSES.test(text) && !/schema/i.test(text);
}

export interface ToolCallingOptions {
  mode: ToolCallingMode;
  memory?: ToolCallingMemory;
  /** Told once when auto switches a model to text. */
  onSwitch?: (message: string) => void;
}

function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a || !b) return a ?? b;
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}

export class ToolCallingProvider implements ModelProvider {
  private readonly memory: ToolCallingMemory;
  readonly where: string;
  /** Server-side compaction passes straight through (the Responses API; its items carry no text calls). */
  readonly compact?: ModelProvider['compact'];

  constructor(
    private readonly inner: ModelProvider,
    private readonly options: ToolCallingOptions,
  ) {
    this.memory = options.memory ?? processMemory;
    this.where = inner.where;
    if (inner.compact) this.compact = (request, signal) => inner.compact!(request, signal);
  }

  private key(model: string): string {
    return `${this.inner.where} ${model}`;
  }

  /** True when requests for this model go with the tools as text. */
  usesText(model: string): boolean {
    return this.options.mode === 'text' || (this.options.mode === 'auto' && this.memory.has(this.key(model)));
  }

  async stream(request: ModelRequest, signal: AbortSignal, onDelta: DeltaListener): Promise<ModelResponse> {
    if (request.tools.length === 0 || this.options.mode === 'native') return this.inner.stream(request, signal, onDelta);
    if (this.usesText(request.model)) return this.streamText(request, signal, onDelta);
    try {
      return await this.inner.stream(request, signal, onDelta);
    } catch (err) {
      if (!refusesTools(err) || signal.aborted) throw err;
      this.memory.add(this.key(request.model));
      const said = (err as LlmError).detail?.slice(0, 200);
      this.options.onSwitch?.(
        `The server at ${this.where} does not take tools for the model ${request.model}${said ? ` (it said: "${said}")` : ''}. Tandem now describes the tools in the prompt and reads <tool_call> blocks from the answers instead, for this model from now on. Set tandem.agent.toolCalling (or --tool-calling) to "text" to start that way, or to "native" to turn this off.`,
      );
      return this.streamText(request, signal, onDelta);
    }
  }

  private textRequest(request: ModelRequest, messages: Message[]): ModelRequest {
    const { toolChoice: _drop, ...rest } = request;
    return { ...rest, system: `${request.system}\n\n${textToolsPrompt(request.tools)}`, tools: [], messages: toTextToolMessages(messages) };
  }

  private async streamText(request: ModelRequest, signal: AbortSignal, onDelta: DeltaListener): Promise<ModelResponse> {
    const filter = new TextCallStreamFilter();
    const first = await this.inner.stream(this.textRequest(request, request.messages), signal, (d) => {
      const out = filter.push(d);
      if (out) onDelta(out);
    });
    const rest = filter.end();
    if (rest) onDelta(rest);
    let parsed = parseTextToolCalls(first.text);
    let usage = first.usage;
    let finishReason = first.finishReason;
    if (parsed.errors.length && request.toolChoice !== 'none') {
      // One repair request with the parse error; its text is not streamed again.
      const repair: Message[] = [
        ...request.messages,
        { role: 'assistant', content: first.text },
        {
          role: 'user',
          content: `Your tool calls could not be read: ${parsed.errors.join('; ')}. Write all the tool calls of your last answer again, each as <tool_call>{"name": "…", "arguments": {…}}</tool_call> with valid JSON (double quotes), and nothing else.`,
        },
      ];
      const second = await this.inner.stream(this.textRequest(request, repair), signal, () => undefined);
      usage = addUsage(usage, second.usage);
      finishReason = second.finishReason;
      const again = parseTextToolCalls(second.text);
      if (again.errors.length || again.calls.length === 0) {
        const why = again.errors.length ? again.errors.join('; ') : 'the corrected answer had no <tool_call>';
        throw new LlmError('badResponse', `The model wrote a tool call Tandem could not read, twice (${why}). Try again, use a model that follows the <tool_call> format, or a server with native tool calling (tandem.agent.toolCalling "native").`, undefined, undefined, parsed.errors.join('; '));
      }
      parsed = { text: parsed.text, calls: again.calls, errors: [] };
    }
    return { text: parsed.text, toolCalls: parsed.calls, finishReason: parsed.calls.length ? 'tool_calls' : finishReason, ...(usage ? { usage } : {}) };
  }
}
