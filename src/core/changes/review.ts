// The second opinion on a change: what the model reviewer (core/review) reports beside the guard's
// findings, and the port through which the edit flow asks for it (the panel and the CLI build the
// reviewer; tests pass their own). A reviewer that failed says so — it never reads as "no issues".
import type { ProposedChange } from './change';
import type { Finding } from './finding';

export interface ReviewOutcome {
  /** ok: the model answered in the schema; failed: it did not (or the call failed); skipped: not asked (tandem.review.when). */
  status: 'ok' | 'failed' | 'skipped';
  /** The model's findings (each with source 'model'), and the reviewer's own check for text aimed at it. */
  findings: Finding[];
  model: string;
  durationMs: number;
  inputTokens?: number;
  outputTokens?: number;
  /** USD, only when the model has a price (tandem.chat.pricing); never guessed. */
  costUsd?: number;
  /** Why the review failed or was skipped, for the user. */
  note?: string;
}

/** Port: reviews proposed changes before they are shown for approval; undefined when no reviewer is set. */
export type ChangeReviewer = (changes: ProposedChange[], guardFindings: Finding[], signal: AbortSignal) => Promise<ReviewOutcome>;
