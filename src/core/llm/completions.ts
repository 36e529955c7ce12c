// Owns completion requests: fill-in-the-middle through /v1/completions (prompt + suffix, or a raw
// FIM prompt) and chat-fill through /v1/chat/completions. Both stream, and stop reading (closing
// the connection) as soon as the caller says the text is complete.
import { clientFor, displayUrl, type Endpoint } from './client';
import { LlmError, toLlmError } from './errors';

export interface FimRequest {
  kind: 'fim';
  prompt: string;
  suffix?: string;
}

export interface ChatFillRequest {
  kind: 'chat';
  messages: Array<{ role: 'system' | 'user'; content: string }>;
}

export interface CompletionCall {
  endpoint: Endpoint;
  model: string;
  request: FimRequest | ChatFillRequest;
  maxTokens: number;
  stop: string[];
  temperature?: number;
  signal: AbortSignal;
  /** Called with the text so far; returning true ends the stream early (the rest is not needed). */
  isComplete?: (textSoFar: string) => boolean;
}

/** Streams a completion and returns its text. Throws LlmError (kind 'aborted' when cancelled). */
export async function streamCompletion(call: CompletionCall): Promise<string> {
  const where = displayUrl(call.endpoint.baseUrl);
  const local = new AbortController();
  const onAbort = () => local.abort(call.signal.reason);
  if (call.signal.aborted) throw new LlmError('aborted', 'The request was cancelled.');
  call.signal.addEventListener('abort', onAbort, { once: true });
  const client = clientFor(call.endpoint);
  // Servers reject more than four stop sequences (OpenAI) — keep the most specific ones.
  const stop = call.stop.length ? call.stop.slice(0, 4) : undefined;
  let text = '';
  try {
    if (call.request.kind === 'fim') {
      const stream = await client.completions.create(
        {
          model: call.model,
          prompt: call.request.prompt,
          ...(call.request.suffix !== undefined ? { suffix: call.request.suffix } : {}),
          max_tokens: call.maxTokens,
          temperature: call.temperature ?? 0.2,
          stop,
          stream: true,
        },
        { signal: local.signal },
      );
      for await (const chunk of stream) {
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (typeof choice.text !== 'string') throw new LlmError('badResponse', `The model server at ${where} sent a completion chunk without text.`);
        text += choice.text;
        if (call.isComplete?.(text)) break;
      }
    } else {
      const stream = await client.chat.completions.create(
        { model: call.model, messages: call.request.messages, max_tokens: call.maxTokens, temperature: call.temperature ?? 0.2, stream: true },
        { signal: local.signal },
      );
      for await (const chunk of stream) {
        const delta = chunk.choices?.[0]?.delta?.content;
        if (typeof delta === 'string') text += delta;
        if (call.isComplete?.(text)) break;
      }
    }
    return text;
  } catch (err) {
    throw toLlmError(err, where, call.model, call.signal);
  } finally {
    call.signal.removeEventListener('abort', onAbort);
    // Leaving the loop early (break) must close the connection too.
    local.abort();
  }
}
