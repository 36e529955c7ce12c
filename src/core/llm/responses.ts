// Owns the Responses API provider (tandem.chat.api = "responses"): maps the neutral conversation to
// input items (messages, function_call, function_call_output), streams output text and function
// calls, and returns only after `response.completed`, so a cut stream never yields a partial call.
import OpenAI from 'openai';
import type { ResponseInputItem, ResponseStreamEvent, FunctionTool } from 'openai/resources/responses/responses';
import { clientFor, displayUrl, type Endpoint } from './client';
import { LlmError, describe, toLlmError } from './errors';
import { imageDataUrl, type StreamingProviderOptions } from './chat';
import { OptionalParams, type OptionalParam } from './optionalParams';
import { compactResponses, isCompactionAbsent } from './responsesCompact';
import {
  guardStream,
  StreamInterruptedError,
  type DeltaListener,
  type Message,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type ToolCall,
  type ToolSpec,
  type Usage,
} from './provider';

/** Maps the neutral conversation onto Responses input items (the system prompt goes in `instructions`). */
export function toResponsesInput(messages: Message[]): ResponseInputItem[] {
  const out: ResponseInputItem[] = [];
  for (const m of messages) {
    // A server-made summary goes back as the opaque item it came as (no id: nothing is stored).
    if (m.role === 'user' && m.serverCompaction) out.push({ type: 'compaction', encrypted_content: m.serverCompaction.encryptedContent });
    else if (m.role === 'user' && m.images?.length) out.push({ role: 'user', content: [{ type: 'input_text', text: m.content }, ...m.images.map((i) => ({ type: 'input_image' as const, image_url: imageDataUrl(i), detail: 'auto' as const }))] });
    else if (m.role === 'user') out.push({ role: 'user', content: m.content });
    // A function's output may carry images on this API: a tool's images go with its own result.
    else if (m.role === 'tool' && m.images?.length) out.push({ type: 'function_call_output', call_id: m.toolCallId, output: [{ type: 'input_text', text: m.content }, ...m.images.map((i) => ({ type: 'input_image' as const, image_url: imageDataUrl(i), detail: 'auto' as const }))] });
    else if (m.role === 'tool') out.push({ type: 'function_call_output', call_id: m.toolCallId, output: m.content });
    else {
      if (m.content) out.push({ role: 'assistant', content: m.content });
      for (const c of m.toolCalls ?? []) out.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: c.arguments });
    }
  }
  return out;
}

/** Chat-shaped tool specs → Responses function tools (flat, not nested under `function`). */
export function toResponsesTools(tools: ToolSpec[]): FunctionTool[] {
  return tools.map((t) => ({ type: 'function', name: t.function.name, description: t.function.description, parameters: t.function.parameters, strict: false }));
}

/** Folds Responses stream events into text, completed function calls and usage. */
export class ResponsesAccumulator {
  text = '';
  completed = false;
  usage: Usage | undefined;
  status: string | undefined;
  /** Calls by output_index; only those whose output_item.done arrived are complete. */
  private readonly calls = new Map<number, ToolCall & { done: boolean }>();

  /** Returns visible text added by this event; throws LlmError on a failed response. */
  add(e: ResponseStreamEvent, where: string): string {
    switch (e.type) {
      case 'response.output_text.delta':
        this.text += e.delta;
        return e.delta;
      case 'response.output_item.added':
        if (e.item.type === 'function_call') this.calls.set(e.output_index, { id: e.item.call_id, name: e.item.name, arguments: e.item.arguments ?? '', done: false });
        return '';
      case 'response.function_call_arguments.delta': {
        const call = this.calls.get(e.output_index);
        if (call) call.arguments += e.delta;
        return '';
      }
      case 'response.output_item.done':
        if (e.item.type === 'function_call') {
          // The done item carries the full arguments: prefer it over our concatenation.
          this.calls.set(e.output_index, { id: e.item.call_id, name: e.item.name, arguments: e.item.arguments, done: true });
        }
        return '';
      case 'response.completed':
      case 'response.incomplete': {
        this.completed = true;
        this.status = e.response.status ?? undefined;
        const u = e.response.usage;
        if (u) this.usage = { inputTokens: u.input_tokens, outputTokens: u.output_tokens, ...(u.input_tokens_details?.cached_tokens ? { cachedTokens: u.input_tokens_details.cached_tokens } : {}) };
        return '';
      }
      case 'response.failed': {
        const err = e.response.error;
        throw new LlmError('server', describe('server', where), undefined, undefined, err ? `${err.code}: ${err.message}` : 'response.failed');
      }
      case 'error':
        throw new LlmError('server', describe('server', where), undefined, undefined, `${e.code ?? 'error'}: ${e.message}`);
      default:
        return '';
    }
  }

  toolCalls(): ToolCall[] {
    return [...this.calls.entries()]
      .sort((a, b) => a[0] - b[0])
      .filter(([, c]) => c.done)
      .map(([, c]) => ({ id: c.id, name: c.name, arguments: c.arguments }));
  }
}

export class ResponsesProvider implements ModelProvider {
  readonly where: string;
  private readonly client: OpenAI;
  private readonly idleMs: number;

  constructor(endpoint: Endpoint, options: StreamingProviderOptions = {}) {
    this.where = displayUrl(endpoint.baseUrl);
    this.client = clientFor(endpoint);
    this.idleMs = options.idleTimeoutMs ?? 60_000;
  }

  /** Parameters this server rejected (an OpenAI-compatible Responses server may not know them). */
  private readonly optional = new OptionalParams();
  /** False once the server showed it has no /responses/compact (most OpenAI-compatible servers). */
  private compactOffered = true;

  async compact(request: ModelRequest, signal: AbortSignal): Promise<Message[] | undefined> {
    if (!this.compactOffered) return undefined;
    try {
      return await compactResponses(this.client, this.where, request, toResponsesInput(request.messages), signal);
    } catch (err) {
      if (!isCompactionAbsent(err)) throw err;
      this.compactOffered = false;
      return undefined;
    }
  }

  async stream(request: ModelRequest, signal: AbortSignal, onDelta: DeltaListener): Promise<ModelResponse> {
    for (;;) {
      const sent = (['prompt_cache_key', 'parallel_tool_calls'] as const).filter((n) => (n === 'prompt_cache_key' ? !!request.cacheKey : request.tools.length > 0) && this.optional.allows(n));
      try {
        return await this.streamOnce(request, sent, signal, onDelta);
      } catch (err) {
        if (!this.optional.dropAfter(err, sent)) throw err;
      }
    }
  }

  private async streamOnce(request: ModelRequest, sent: OptionalParam[], signal: AbortSignal, onDelta: DeltaListener): Promise<ModelResponse> {
    const guard = guardStream(signal, this.idleMs, this.where);
    const acc = new ResponsesAccumulator();
    let started = false;
    try {
      const stream = await this.client.responses.create(
        {
          model: request.model,
          instructions: request.system,
          input: toResponsesInput(request.messages),
          stream: true,
          // The conversation lives on our side (it is compacted and persisted there).
          store: false,
          ...(request.tools.length ? { tools: toResponsesTools(request.tools), tool_choice: request.toolChoice ?? 'auto' } : {}),
          ...(sent.includes('parallel_tool_calls') ? { parallel_tool_calls: true } : {}),
          ...(request.cacheKey && sent.includes('prompt_cache_key') ? { prompt_cache_key: request.cacheKey } : {}),
          ...(request.maxOutputTokens ? { max_output_tokens: request.maxOutputTokens } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          ...(request.outputSchema ? { text: { format: { type: 'json_schema' as const, name: request.outputSchema.name, schema: request.outputSchema.schema, strict: false } } } : {}),
        },
        { signal: guard.signal },
      );
      started = true;
      for await (const event of guard.iterate(stream)) {
        const added = acc.add(event, this.where);
        if (added) onDelta(added);
      }
    } catch (err) {
      throw guard.fail(err, (e) => (e instanceof LlmError ? e : started && !(e instanceof OpenAI.APIError && e.status) ? new StreamInterruptedError(this.where, String((e as Error)?.message ?? e)) : toLlmError(e, this.where, request.model)));
    } finally {
      guard.dispose();
    }
    if (!acc.completed) throw new StreamInterruptedError(this.where, 'the stream ended before response.completed');
    const toolCalls = acc.toolCalls();
    const finishReason = acc.status === 'incomplete' ? 'length' : toolCalls.length ? 'tool_calls' : 'stop';
    return { text: acc.text, toolCalls, finishReason, usage: acc.usage };
  }
}
