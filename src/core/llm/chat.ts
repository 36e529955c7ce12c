// Owns streamed Chat Completions with function tools: maps the neutral conversation onto the wire,
// accumulates text and tool-call deltas by index, and hands back a response only when the server
// said it finished (a finish_reason), so a cut stream never yields a partial tool call.
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { clientFor, displayUrl, type Endpoint } from './client';
import { toLlmError } from './errors';
import { OptionalParams, type OptionalParam } from './optionalParams';
import {
  guardStream,
  StreamInterruptedError,
  type DeltaListener,
  type ImagePart,
  type Message,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type ToolCall,
  type Usage,
} from './provider';

export interface StreamingProviderOptions {
  /** Milliseconds without any chunk before a stream counts as stalled (default 60 s). */
  idleTimeoutMs?: number;
}

/** An image as the data URL both APIs take. */
export function imageDataUrl(image: ImagePart): string {
  return `data:${image.mime};base64,${image.data}`;
}

/**
 * Maps the neutral conversation onto Chat Completions messages. Images go as image_url parts; a
 * tool message can only hold text there, so images tools returned follow the batch of tool results
 * in one user message that says where they came from.
 */
export function toChatMessages(system: string, messages: Message[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [{ role: 'system', content: system }];
  let toolImages: Array<{ name: string; image: ImagePart }> = [];
  const flushToolImages = () => {
    if (!toolImages.length) return;
    const names = [...new Set(toolImages.map((t) => t.name))].join(', ');
    out.push({ role: 'user', content: [{ type: 'text', text: `[Images returned by the tool ${names}]` }, ...toolImages.map((t) => ({ type: 'image_url' as const, image_url: { url: imageDataUrl(t.image) } }))] });
    toolImages = [];
  };
  for (const m of messages) {
    if (m.role !== 'tool') flushToolImages();
    if (m.role === 'user' && m.images?.length) out.push({ role: 'user', content: [{ type: 'text', text: m.content }, ...m.images.map((i) => ({ type: 'image_url' as const, image_url: { url: imageDataUrl(i) } }))] });
    else if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'tool') {
      out.push({ role: 'tool', tool_call_id: m.toolCallId, content: m.content });
      for (const image of m.images ?? []) toolImages.push({ name: m.name, image });
    } else if (m.toolCalls?.length) {
      out.push({
        role: 'assistant',
        content: m.content || null,
        tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })),
      });
    } else out.push({ role: 'assistant', content: m.content });
  }
  flushToolImages();
  return out;
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

/** Folds chunks into text, tool calls (by index) and usage; pure so it is easy to test and fast. */
export class ChatAccumulator {
  text = '';
  /** Reasoning the last chunk added (`reasoning_content`, or `reasoning` as Ollama and OpenRouter name it). */
  reasoningDelta = '';
  finishReason: string | undefined;
  usage: Usage | undefined;
  private readonly calls = new Map<number, PartialCall>();

  /** Returns the visible text this chunk added ('' when none). */
  add(chunk: ChatCompletionChunk): string {
    if (chunk.usage) {
      const cached = (chunk.usage as { prompt_tokens_details?: { cached_tokens?: number } }).prompt_tokens_details?.cached_tokens;
      this.usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0, ...(cached ? { cachedTokens: cached } : {}) };
    }
    let added = '';
    this.reasoningDelta = '';
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== 0 && choice.index !== undefined) continue;
      const delta = choice.delta ?? {};
      const thought = (delta as { reasoning_content?: unknown; reasoning?: unknown }).reasoning_content ?? (delta as { reasoning?: unknown }).reasoning;
      if (typeof thought === 'string') this.reasoningDelta += thought;
      if (typeof delta.content === 'string' && delta.content) {
        this.text += delta.content;
        added += delta.content;
      }
      for (const tc of delta.tool_calls ?? []) {
        const index = tc.index ?? this.calls.size;
        const call = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
        if (tc.id) call.id = tc.id;
        if (tc.function?.name) call.name += tc.function.name;
        if (tc.function?.arguments) call.arguments += tc.function.arguments;
        this.calls.set(index, call);
      }
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
    }
    return added;
  }

  /** Tool calls in index order; ids may be empty or repeated (the tool runtime makes them unique). */
  toolCalls(): ToolCall[] {
    return [...this.calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => ({ id: c.id, name: c.name, arguments: c.arguments }));
  }
}

export class ChatProvider implements ModelProvider {
  readonly where: string;
  private readonly client: OpenAI;
  private readonly idleMs: number;

  constructor(endpoint: Endpoint, options: StreamingProviderOptions = {}) {
    this.where = displayUrl(endpoint.baseUrl);
    this.client = clientFor(endpoint);
    this.idleMs = options.idleTimeoutMs ?? 60_000;
  }

  /** Parameters this server rejected (some older or stricter OpenAI-compatible servers do). */
  private readonly optional = new OptionalParams();

  /** The optional parameters a request would carry to this server now. */
  private optionalFor(request: ModelRequest): OptionalParam[] {
    const wanted: OptionalParam[] = ['stream_options'];
    if (request.cacheKey) wanted.push('prompt_cache_key');
    if (request.tools.length) wanted.push('parallel_tool_calls');
    return wanted.filter((n) => this.optional.allows(n));
  }

  async stream(request: ModelRequest, signal: AbortSignal, onDelta: DeltaListener): Promise<ModelResponse> {
    for (;;) {
      const sent = this.optionalFor(request);
      try {
        return await this.streamOnce(request, sent, signal, onDelta);
      } catch (err) {
        if (!this.optional.dropAfter(err, sent)) throw err;
      }
    }
  }

  private async streamOnce(request: ModelRequest, sent: OptionalParam[], signal: AbortSignal, onDelta: DeltaListener): Promise<ModelResponse> {
    const guard = guardStream(signal, this.idleMs, this.where);
    const acc = new ChatAccumulator();
    let started = false;
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: request.model,
          messages: toChatMessages(request.system, request.messages),
          stream: true,
          ...(sent.includes('stream_options') ? { stream_options: { include_usage: true } } : {}),
          ...(request.tools.length ? { tools: request.tools, tool_choice: request.toolChoice ?? 'auto' } : {}),
          ...(sent.includes('parallel_tool_calls') ? { parallel_tool_calls: true } : {}),
          ...(request.cacheKey && sent.includes('prompt_cache_key') ? { prompt_cache_key: request.cacheKey } : {}),
          ...(request.maxOutputTokens ? { max_tokens: request.maxOutputTokens } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          // Not strict: strict mode rejects many ordinary schemas; the caller validates the answer anyway.
          ...(request.outputSchema ? { response_format: { type: 'json_schema' as const, json_schema: { name: request.outputSchema.name, schema: request.outputSchema.schema, strict: false } } } : {}),
        },
        { signal: guard.signal },
      );
      started = true;
      for await (const chunk of guard.iterate(stream)) {
        const added = acc.add(chunk);
        if (acc.reasoningDelta) request.onReasoning?.(acc.reasoningDelta);
        if (added) onDelta(added);
      }
    } catch (err) {
      // After the headers, anything but a server-reported error means the stream was cut.
      throw guard.fail(err, (e) => (started && !(e instanceof OpenAI.APIError && e.status) ? new StreamInterruptedError(this.where, String((e as Error)?.message ?? e)) : toLlmError(e, this.where, request.model)));
    } finally {
      guard.dispose();
    }
    if (!acc.finishReason) throw new StreamInterruptedError(this.where, 'the stream ended without a finish_reason');
    return { text: acc.text, toolCalls: acc.toolCalls(), finishReason: acc.finishReason, usage: acc.usage };
  }
}
