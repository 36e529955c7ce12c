// Owns the arithmetic of waiting between attempts (exponential backoff with full jitter, honouring a
// server's Retry-After) and an abortable sleep. Generic: completion and agent retries both use it.

export interface BackoffOptions {
  /** Delay of the first retry before jitter. */
  baseMs: number;
  /** Ceiling of any computed delay (and of a Retry-After we are willing to honour). */
  maxMs: number;
  /** What the server asked for (Retry-After), when it did. */
  retryAfterMs?: number;
  /** Source of randomness in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * Milliseconds to wait before retry number `attempt` (1 = first retry). A server's Retry-After wins
 * over our own schedule (it knows its limits) but is capped at maxMs so a hostile or confused header
 * cannot park us for hours; without it, full jitter over base·2^(attempt-1) spreads clients apart.
 */
export function computeBackoff(attempt: number, o: BackoffOptions): number {
  if (o.retryAfterMs !== undefined && o.retryAfterMs >= 0) return Math.min(o.retryAfterMs, o.maxMs);
  const random = o.random ?? Math.random;
  const ceiling = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half random: never zero (which would hammer a struggling server), still spread out.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
