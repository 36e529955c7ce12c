// Owns when a failed model call is tried again: 429, 5xx, network failures, timeouts and streams cut
// before anything was shown, with capped exponential backoff, jitter and Retry-After. Other 4xx
// never retry. Choice on partial output: once any text reached the user we do NOT retry, because a
// second attempt would print the answer again (or a different one) after the first half; the error
// ends the call and the caller decides (the agent ends the turn with the error, text kept on screen).
// With a time budget (the CLI's --retry-timeout) attempts are not counted: retries go on until the
// budget is spent, every wait (Retry-After included) capped by what is left of it.
import { computeBackoff, sleep as realSleep } from './backoff';
import { LlmError, describe, describeGaveUp } from './errors';
import { StreamInterruptedError, type DeltaListener, type ModelProvider, type ModelRequest, type ModelResponse } from './provider';

export interface RetryOptions {
  /** Attempts in all, the first included (default 4; unlimited when budgetMs is set). */
  maxAttempts?: number;
  /** Longest time from the first attempt after which no retry starts; waits are capped by what is left. */
  budgetMs?: number;
  /** Injectable clock for the budget (default Date.now). */
  now?: () => number;
  /** First backoff step (default 500 ms). */
  baseMs?: number;
  /** Longest single wait, Retry-After included (default 30 s). */
  maxDelayMs?: number;
  /** Injectable for tests: no real waiting. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Told before each wait. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  /** The attempt about to be made (2 = first retry). */
  attempt: number;
  delayMs: number;
  error: LlmError;
}

/** Whether a failure may be retried, given whether visible output already went out. */
export function isRetryable(err: LlmError, outputStarted: boolean): boolean {
  if (outputStarted) return false;
  return err.retryable || err instanceof StreamInterruptedError;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or attempts run out. `attempt` receives a function
 * to call when it shows output; after that, failures are final.
 */
export async function withRetry<T>(
  attempt: (markOutput: () => void) => Promise<T>,
  signal: AbortSignal,
  options: RetryOptions = {},
  where = 'the model server',
): Promise<T> {
  const budget = options.budgetMs;
  const maxAttempts = Math.max(1, options.maxAttempts ?? (budget !== undefined ? Infinity : 4));
  const wait = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const started = now();
  for (let n = 1; ; n++) {
    let outputStarted = false;
    try {
      return await attempt(() => {
        outputStarted = true;
      });
    } catch (e) {
      const err = e instanceof LlmError ? e : new LlmError('badResponse', describe('badResponse', where), undefined, undefined, String(e));
      if (signal.aborted) throw new LlmError('aborted', describe('aborted', where));
      if (!isRetryable(err, outputStarted)) throw err;
      const left = budget === undefined ? Infinity : budget - (now() - started);
      // After retries the message must not promise another one: say that we stopped and after what.
      if (n >= maxAttempts || left <= 0) throw n > 1 ? describeGaveUp(err, where, n, now() - started) : err;
      // Under a budget the server's Retry-After is bounded by the budget, not by maxDelayMs: retrying
      // sooner than it asked would only earn another 429.
      const serverAsked = budget !== undefined && err.retryAfterMs !== undefined && err.retryAfterMs >= 0 ? err.retryAfterMs : undefined;
      const delayMs = Math.min(
        left,
        serverAsked ??
          computeBackoff(n, {
            baseMs: options.baseMs ?? 500,
            maxMs: options.maxDelayMs ?? 30_000,
            retryAfterMs: err.retryAfterMs,
            random: options.random,
          }),
      );
      options.onRetry?.({ attempt: n + 1, delayMs, error: err });
      try {
        await wait(delayMs, signal);
      } catch {
        throw new LlmError('aborted', describe('aborted', where));
      }
    }
  }
}

/** A provider that retries the one it wraps under the rules above. */
export class RetryingProvider implements ModelProvider {
  /** Server-side compaction passes straight through: its caller falls back to a summary on failure. */
  readonly compact?: ModelProvider['compact'];

  constructor(
    private readonly inner: ModelProvider,
    private readonly options: RetryOptions = {},
  ) {
    if (inner.compact) this.compact = (request, signal) => inner.compact!(request, signal);
  }

  get where(): string {
    return this.inner.where;
  }

  stream(request: ModelRequest, signal: AbortSignal, onDelta: DeltaListener): Promise<ModelResponse> {
    return withRetry(
      (markOutput) =>
        this.inner.stream(request, signal, (text) => {
          markOutput();
          onDelta(text);
        }),
      signal,
      this.options,
      this.inner.where,
    );
  }
}
