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
    });
    if (cache.size > 16) cache.clear();
    cache.set(key, client);
  }
  return client;
}
