// Owns --review-model and --review-when, shared by exec and fix: their help lines and their parsing.
// Import-light (it sits in the fast entry with args.ts): the reviewer itself is built in reviewer.ts.
import { REVIEW_WHEN, type ReviewWhen } from '../core/review/when';

export const REVIEWER_FLAGS = ['--review-model', '--review-when'];

export const REVIEWER_HELP = `  --review-model M       a second opinion on each change before it is shown or applied: the model M
                         reviews the diff (default: $TANDEM_REVIEW_MODEL; none: no reviewer); its
                         findings are shown beside the guard's, and a high one makes every mode ask
  --review-when W        high-risk (default: changes to sensitive code or with a guard finding),
                         always, or off`;

export interface ReviewerFlags {
  /** The reviewer's model; undefined: no reviewer. */
  reviewModel?: string;
  reviewWhen: ReviewWhen;
}

/** Reads --review-model / --review-when (and $TANDEM_REVIEW_MODEL); a string is the error. */
export function parseReviewerFlags(values: Map<string, string>, env: NodeJS.ProcessEnv, whenByDefault: ReviewWhen = 'high-risk'): ReviewerFlags | string {
  const when = values.get('--review-when') ?? whenByDefault;
  if (!REVIEW_WHEN.includes(when as ReviewWhen)) return `--review-when must be one of ${REVIEW_WHEN.join(', ')}; got "${when}".`;
  const model = (values.get('--review-model') ?? env.TANDEM_REVIEW_MODEL ?? '').trim();
  return { ...(model ? { reviewModel: model } : {}), reviewWhen: when as ReviewWhen };
}
