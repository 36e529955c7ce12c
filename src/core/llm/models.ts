// Owns asking an OpenAI-compatible server which models it serves (GET {baseUrl}/models): the
// status bar's connection check, onboarding's server detection and the model pickers all use it.
// Failures are classified with the same sentences as every other model-server failure.
import { describe, redactSecrets, type LlmErrorKind } from './errors';

export type ModelList = { ok: true; baseUrl: string; models: string[] } | { ok: false; baseUrl: string; kind: LlmErrorKind; message: string; detail?: string };

export interface ListModelsOptions {
  apiKey?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The model ids the server lists (sorted, unique), or why the list could not be had. */
export async function listModels(baseUrl: string, opts: ListModelsOptions = {}): Promise<ModelList> {
  const base = baseUrl.trim().replace(/\/+$/, '');
  const fail = (kind: LlmErrorKind, status?: number, detail?: string): ModelList => ({ ok: false, baseUrl: base, kind, message: describe(kind, base, undefined, status), ...(detail ? { detail: redactSecrets(detail) } : {}) });
  let url: URL;
  try {
    url = new URL(`${base}/models`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    return { ok: false, baseUrl: base, kind: 'badRequest', message: `"${base}" is not an http(s) URL. Set tandem.baseUrl to the server's address ending in /v1, e.g. http://localhost:11434/v1.` };
  }
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 5000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) }, signal });
  } catch (err) {
    if (opts.signal?.aborted) return fail('aborted');
    if (timeout.aborted) return fail('timeout');
    let cause = (err as { cause?: { code?: string; message?: string; cause?: unknown } }).cause;
    while (cause && !cause.code && cause.cause) cause = cause.cause as typeof cause;
    return fail('unreachable', undefined, String(cause?.code ?? cause?.message ?? (err as Error).message));
  }
  let text = '';
  try {
    text = await res.text();
  } catch (err) {
    return fail(timeout.aborted ? 'timeout' : 'badResponse', undefined, (err as Error).message);
  }
  if (!res.ok) {
    const kind: LlmErrorKind = res.status === 401 || res.status === 403 ? 'auth' : res.status === 404 ? 'notFound' : res.status === 429 ? 'rateLimited' : res.status >= 500 ? 'server' : 'badRequest';
    return fail(kind, res.status, text.slice(0, 500));
  }
  try {
    const body = JSON.parse(text) as { data?: Array<{ id?: unknown }>; models?: Array<{ id?: unknown; name?: unknown; model?: unknown }> };
    // OpenAI's shape is { data: [{ id }] }; some servers (older llama.cpp, Ollama's native API) use { models: [...] }.
    const entries = [...(body.data ?? []), ...(body.models ?? [])] as Array<{ id?: unknown; name?: unknown; model?: unknown }>;
    const ids = entries.map((m) => m.id ?? m.model ?? m.name).filter((id): id is string => typeof id === 'string' && id.length > 0);
    if (!Array.isArray(body.data) && !Array.isArray(body.models)) return fail('badResponse', undefined, text.slice(0, 200));
    return { ok: true, baseUrl: base, models: [...new Set(ids)].sort((a, b) => a.localeCompare(b)) };
  } catch {
    return fail('badResponse', undefined, text.slice(0, 200));
  }
}

/** The local servers people run, on their default ports. */
export const LOCAL_SERVERS: ReadonlyArray<{ name: string; baseUrl: string }> = [
  { name: 'Ollama', baseUrl: 'http://localhost:11434/v1' },
  { name: 'LM Studio', baseUrl: 'http://localhost:1234/v1' },
  { name: 'llama.cpp', baseUrl: 'http://localhost:8080/v1' },
  { name: 'vLLM', baseUrl: 'http://localhost:8000/v1' },
];

export interface DetectedServer {
  name: string;
  baseUrl: string;
  models: string[];
}

/** Asks every candidate at once; returns those that answered with a model list, in candidate order. */
export async function detectServers(candidates: ReadonlyArray<{ name: string; baseUrl: string }> = LOCAL_SERVERS, opts: ListModelsOptions = {}): Promise<DetectedServer[]> {
  const results = await Promise.all(candidates.map((c) => listModels(c.baseUrl, { timeoutMs: 1500, ...opts })));
  return results.flatMap((r, i) => (r.ok ? [{ name: candidates[i].name, baseUrl: r.baseUrl, models: r.models }] : []));
}
