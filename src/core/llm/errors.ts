// Owns the one taxonomy of model-server failures. Every caller (completion, agent, CLI, status bar)
// classifies through here so users see the same sentence for the same failure, and no message ever
// carries an API key.
import OpenAI from 'openai';

export type LlmErrorKind =
  | 'unreachable' // connection refused, DNS failure, socket reset before any answer
  | 'timeout' // no answer, or a stream that stalled, within the time limit
  | 'auth' // 401 / 403
  | 'notFound' // 404: wrong base URL or a model the server does not have
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'contextTooLong' // 400 saying the prompt exceeds the model's context window
  | 'badRequest' // any other 4xx
  | 'badResponse' // malformed JSON, a stream cut midway, an answer of the wrong shape
  | 'aborted'; // cancelled by the caller

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly status?: number,
    /** Milliseconds the server asked us to wait (Retry-After), when it said so. */
    readonly retryAfterMs?: number,
    readonly detail?: string,
    /** Attempts made before giving up, when retries were made. */
    readonly attempts?: number,
  ) {
    super(message);
    this.name = 'LlmError';
  }

  /** Failures worth trying again after a pause. */
  get retryable(): boolean {
    return this.kind === 'rateLimited' || this.kind === 'server' || this.kind === 'unreachable' || this.kind === 'timeout';
  }
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Removes anything that looks like a bearer token or API key from text shown to users or logged. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, '$1-***')
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1***')
    .replace(/("?api[_-]?key"?\s*[:=]\s*"?)[^"\s,}]{6,}/gi, '$1***');
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

// The phrasings servers use: OpenAI ("maximum context length", code context_length_exceeded, "exceeds
// the context window"), vLLM ("maximum context length"), llama.cpp ("exceeds the available context
// size", type exceed_context_size_error), Ollama ("exceeded max context length"), TGI ("inputs tokens
// + max_new_tokens must be <= N"), Anthropic-compatible ("prompt is too long").
const CONTEXT_TOO_LONG =
  /context[_ ]length|maximum context|too many tokens|prompt is too long|context window|exceeds? the (available )?context|context size|exceed_context_size|max_new_tokens` must be <=|max_new_tokens must be <=|input is too long/i;
const CONTEXT_TOO_LONG_CODES = new Set(['context_length_exceeded', 'exceed_context_size_error', 'string_above_max_length']);

/** What the user should do next, by kind. `where` names the endpoint (never the key). */
export function describe(kind: LlmErrorKind, where: string, model?: string, status?: number): string {
  switch (kind) {
    case 'unreachable':
      return `Cannot reach the model server at ${where}. Is it running? Check the base URL setting (tandem.baseUrl).`;
    case 'timeout':
      return `The model server at ${where} did not answer in time. It may be overloaded or loading the model; try again.`;
    case 'auth':
      return `The model server at ${where} refused the API key (HTTP ${status ?? 401}). Run "Tandem: Set API Key" to store a valid key.`;
    case 'notFound':
      return model
        ? `The model server at ${where} answered 404: model "${model}" was not found, or the base URL is wrong. Check the model name and tandem.baseUrl.`
        : `The model server at ${where} answered 404: check tandem.baseUrl.`;
    case 'rateLimited':
      return `The model server at ${where} is rate-limiting requests (HTTP 429). Tandem will back off and retry.`;
    case 'server':
      return `The model server at ${where} failed (HTTP ${status ?? 500}). Tandem will back off and retry.`;
    case 'contextTooLong':
      return `The request is longer than the model's context window at ${where}.`;
    case 'badRequest':
      return `The model server at ${where} rejected the request (HTTP ${status ?? 400}).`;
    case 'badResponse':
      return `The model server at ${where} sent an answer Tandem could not read (malformed or cut off).`;
    case 'aborted':
      return 'The request was cancelled.';
  }
}

/**
 * The same failure after retries ran out: the sentence says Tandem stopped trying (never that it
 * "will retry") and after how many attempts; kind, status and the server's own text are kept.
 */
export function describeGaveUp(err: LlmError, where: string, attempts: number, elapsedMs: number): LlmError {
  const seconds = Math.max(0, Math.round(elapsedMs / 100) / 10);
  const what: Partial<Record<LlmErrorKind, string>> = {
    rateLimited: `The model server at ${where} kept rate-limiting requests (HTTP 429).`,
    server: `The model server at ${where} kept failing (HTTP ${err.status ?? 500}).`,
    unreachable: `Cannot reach the model server at ${where}. Is it running? Check the base URL setting (tandem.baseUrl).`,
    timeout: `The model server at ${where} did not answer in time.`,
  };
  const message = `${what[err.kind] ?? err.message} Tandem gave up after ${attempts} attempts over ${seconds} s.`;
  return new LlmError(err.kind, message, err.status, err.retryAfterMs, err.detail, attempts);
}

/** True when the error body's code or type names a context overflow, whatever its message says. */
function contextCode(err: InstanceType<typeof OpenAI.APIError>): boolean {
  const body = err.error as { code?: unknown; type?: unknown } | undefined;
  return [err.code, err.type, body?.code, body?.type].some((v) => typeof v === 'string' && CONTEXT_TOO_LONG_CODES.has(v));
}

/** Maps anything thrown by the openai package, fetch or a stream parser onto an LlmError. */
export function toLlmError(err: unknown, where: string, model?: string, signal?: AbortSignal): LlmError {
  if (err instanceof LlmError) return err;
  if (signal?.aborted || err instanceof OpenAI.APIUserAbortError) {
    return new LlmError('aborted', describe('aborted', where));
  }
  if (err instanceof OpenAI.APIConnectionTimeoutError) return new LlmError('timeout', describe('timeout', where));
  if (err instanceof OpenAI.APIConnectionError) {
    // fetch wraps the socket error ("fetch failed" → ECONNREFUSED): report the innermost code.
    let cause = (err as { cause?: { code?: string; message?: string; cause?: unknown } }).cause;
    while (cause && !cause.code && cause.cause) cause = cause.cause as typeof cause;
    return new LlmError('unreachable', describe('unreachable', where), undefined, undefined, redactSecrets(String(cause?.code ?? cause?.message ?? err.message)));
  }
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    const status = err.status;
    const detail = redactSecrets(err.message ?? '');
    const retryAfterMs = parseRetryAfter(headerOf(err.headers, 'retry-after'));
    let kind: LlmErrorKind;
    if (status === 401 || status === 403) kind = 'auth';
    else if (status === 404) kind = 'notFound';
    else if (status === 429) kind = 'rateLimited';
    else if (status >= 500) kind = 'server';
    else if ((status === 400 || status === 413 || status === 422) && (CONTEXT_TOO_LONG.test(detail) || contextCode(err))) kind = 'contextTooLong';
    else kind = 'badRequest';
    return new LlmError(kind, describe(kind, where, model, status), status, retryAfterMs, detail);
  }
  const code = (err as { code?: string })?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET' || code === 'EHOSTUNREACH') {
    return new LlmError('unreachable', describe('unreachable', where), undefined, undefined, code);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new LlmError('badResponse', describe('badResponse', where), undefined, undefined, redactSecrets(message));
}
