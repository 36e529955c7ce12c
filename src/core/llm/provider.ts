// Owns the provider-neutral shape of a conversation with a model and the one port the agent loop
// calls (`ModelProvider.stream`), so the loop never knows whether Chat Completions or the Responses
// API is behind it. Also owns the idle-timeout guard both streaming providers put around a stream.
import { LlmError, describe } from './errors';

export interface ToolCall {
  id: string;
  name: string;
  /** Raw JSON text exactly as the model produced it (may be malformed; the tool runtime decides). */
  arguments: string;
}

/** An image sent to a vision model: base64 bytes and their type (checked in core/context/images). */
export interface ImagePart {
  mime: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
  data: string;
}

export type Message =
  | {
      role: 'user';
      content: string;
      /** Images attached by the user, sent as image parts after the text. */
      images?: ImagePart[];
      /** 'summary' marks a compaction summary; 'context' dynamic facts. */
      kind?: 'summary' | 'context';
      /**
       * A summary made by the server (OpenAI Responses /responses/compact): sent back to that API as
       * its opaque compaction item; `content` is what other APIs see instead.
       */
      serverCompaction?: { encryptedContent: string };
    }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | {
      role: 'tool';
      toolCallId: string;
      name: string;
      content: string;
      isError?: boolean;
      /** Images a tool (an MCP server) returned, kept only for models that accept images. */
      images?: ImagePart[];
    };

/** A function tool in OpenAI's Chat Completions shape (what `toolSpecs()` produces). */
export interface ToolSpec {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ModelRequest {
  model: string;
  /** Kept byte-identical across calls so providers can cache the prompt prefix. */
  system: string;
  messages: Message[];
  tools: ToolSpec[];
  /** 'none' asks for a plain answer (compaction summaries) while still sending the same tool list. */
  toolChoice?: 'auto' | 'none';
  maxOutputTokens?: number;
  temperature?: number;
  /**
   * A stable key per task (the session id): sent as prompt_cache_key so a hosted server routes the
   * task's calls to the same prompt cache; dropped for a server that rejects it.
   */
  cacheKey?: string;
  /** Ask for an answer that is JSON valid against this schema (structured outputs), where the API supports it. */
  outputSchema?: { name: string; schema: Record<string, unknown> };
  /** Receives the model's reasoning as it streams (reasoning_content / reasoning deltas); never part of the answer. */
  onReasoning?: (delta: string) => void;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens the server served from its cache, when it says. */
  cachedTokens?: number;
}

export interface ModelResponse {
  text: string;
  /** Only calls whose stream completed; a call cut midway is never here. */
  toolCalls: ToolCall[];
  /** 'stop' | 'tool_calls' | 'length' | … as the server said it. */
  finishReason: string;
  usage?: Usage;
}

/** Receives visible text as it streams. */
export type DeltaListener = (text: string) => void;

export interface ModelProvider {
  /** Where requests go, for messages (never holds a key). */
  readonly where: string;
  /**
   * Streams one model response. Resolves only when the server finished the response; rejects with an
   * LlmError otherwise (kind 'aborted' when `signal` fired). Text deltas go to onDelta as they arrive.
   */
  stream(request: ModelRequest, signal: AbortSignal, onDelta: DeltaListener): Promise<ModelResponse>;
  /**
   * Server-side compaction, where the API offers it: the messages that replace `request.messages`,
   * or undefined when this server turned out not to offer it. Rejects with an LlmError on failure
   * (the caller falls back to its own summary).
   */
  compact?(request: ModelRequest, signal: AbortSignal): Promise<Message[] | undefined>;
}

/** The stream ended (socket cut, server closed early) before the server said the response was complete. */
export class StreamInterruptedError extends LlmError {
  constructor(where: string, detail: string) {
    super('badResponse', `${describe('badResponse', where)} The answer was cut off before it finished.`, undefined, undefined, detail);
    this.name = 'StreamInterruptedError';
  }
}

export interface StreamGuard {
  /** Signal to hand the HTTP request: fires on the caller's abort or on an idle timeout. */
  readonly signal: AbortSignal;
  /** True once the idle timer fired. */
  readonly timedOut: boolean;
  /** Iterates `source`, failing with a timeout when no item arrives within idleMs. */
  iterate<T>(source: AsyncIterable<T>): AsyncGenerator<T>;
  /** Converts whatever was thrown (or a silent end after abort) into the right LlmError. */
  fail(err: unknown, toError: (e: unknown) => LlmError): LlmError;
  dispose(): void;
}

/**
 * Links the caller's signal to a request-scoped controller and adds an idle timer reset on every
 * chunk. A stalled stream aborts the request (freeing the socket) and surfaces as kind 'timeout'.
 */
export function guardStream(outer: AbortSignal, idleMs: number, where: string): StreamGuard {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const onOuterAbort = () => controller.abort(outer.reason);
  if (outer.aborted) controller.abort(outer.reason);
  else outer.addEventListener('abort', onOuterAbort, { once: true });
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new LlmError('timeout', describe('timeout', where)));
    }, idleMs);
  };
  arm(); // the wait for the response headers counts as idle time too
  const timeoutError = () => new LlmError('timeout', `${describe('timeout', where)} (no data for ${idleMs} ms)`);
  const guard: StreamGuard = {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    async *iterate<T>(source: AsyncIterable<T>) {
      arm();
      for await (const item of source) {
        arm();
        yield item;
      }
      // The SDK ends an aborted stream silently; that is not a finished response.
      if (timedOut) throw timeoutError();
      if (outer.aborted) throw new LlmError('aborted', describe('aborted', where));
    },
    fail(err, toError) {
      if (outer.aborted) return new LlmError('aborted', describe('aborted', where));
      if (timedOut) return timeoutError();
      return toError(err);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      outer.removeEventListener('abort', onOuterAbort);
    },
  };
  return guard;
}
