// Owns the construction of OpenAI-compatible clients. Clients are cached per endpoint+key so the
// keystroke path never builds one; retries are ours (see backoff.ts), so the SDK's own are off.
import OpenAI from 'openai';

export interface Endpoint {
  /** OpenAI-compatible base URL, e.g. http://localhost:11434/v1 */
  baseUrl: string;
  /** API key; local servers need none. */
  apiKey?: string;
  /** Milliseconds before an unanswered request (or a stalled stream) fails with a timeout. */
  timeoutMs?: number;
  /** Extra headers (Azure's api-key, OpenRouter's referer, …). */
  headers?: Record<string, string>;
}

const cache = new Map<string, OpenAI>();

/**
 * vLLM, FastAPI-based and some other servers put the error at the top level ({"message": …} or
 * {"detail": …}) instead of under "error"; the SDK would then drop the text, and with it what tells
 * a context overflow or an unknown parameter apart. Such bodies are re-shaped into OpenAI's form.
 */
export async function errorShapingFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const res = await fetch(input, init);
  if (res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return res;
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const b = body as Record<string, unknown> | undefined;
  const reshaped =
    b && typeof b === 'object' && !Array.isArray(b) && !('error' in b) && ('message' in b || 'detail' in b)
      ? JSON.stringify({ error: { ...b, message: typeof b.message === 'string' ? b.message : JSON.stringify(b.message ?? b.detail) } })
      : text;
  // The body is decoded and re-sized now: its old length and encoding no longer apply.
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(reshaped, { status: res.status, statusText: res.statusText, headers });
}

/** The base URL with no trailing slash; what we show in messages (it holds no secret). */
export function displayUrl(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return baseUrl.replace(/\/+$/, '');
  }
}

export function clientFor(endpoint: Endpoint): OpenAI {
  const key = JSON.stringify([endpoint.baseUrl, endpoint.apiKey ?? '', endpoint.timeoutMs ?? 0, endpoint.headers ?? {}]);
  let client = cache.get(key);
  if (!client) {
    client = new OpenAI({
      baseURL: endpoint.baseUrl.replace(/\/+$/, ''),
      // The SDK insists on a key; local servers ignore the header.
      apiKey: endpoint.apiKey || 'no-key',
      maxRetries: 0,
      timeout: endpoint.timeoutMs ?? 60_000,
      defaultHeaders: endpoint.headers,
      dangerouslyAllowBrowser: false,
      fetch: errorShapingFetch,
    });
    if (cache.size > 16) cache.clear();
    cache.set(key, client);
  }
  return client;
}
