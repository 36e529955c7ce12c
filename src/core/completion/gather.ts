// Owns choosing the context from outside the cursor's window under one token budget: definitions of
// what the cursor uses (from any file, open or not), the user's recent edits and visits, windows of
// related open files, and the clipboard when the user opted in. Slow sources are time-boxed: what is
// not ready when the request is due is left out (their own caches make it ready next time).
import { estimateTokens } from './budget';
import type { SnippetIndex } from './snippets';
import type { Snippet } from './templates';
import type { RelatedFile } from './types';

/** The most a request waits for slow context sources after it is due. */
export const CONTEXT_TIMEBOX_MS = 20;

/** `promise`'s value if it settles within `ms`, else `fallback` (a rejection counts as fallback). */
export function within<T>(promise: Promise<T> | undefined, ms: number, fallback: T): Promise<T> {
  if (!promise) return Promise.resolve(fallback);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

export interface SnippetSources {
  /** The code just before the cursor, for similarity. */
  around: string;
  definitions: Snippet[];
  recent: Snippet[];
  related: RelatedFile[];
  clipboard: Snippet[];
  index: SnippetIndex;
  budgetTokens: number;
  /** Secret files never contribute. */
  isSecret: (relativePath: string) => boolean;
}

/**
 * Fills the budget in order of usefulness: definitions, then recent activity, then the best windows
 * of related files, then the clipboard. A snippet that does not fit is skipped, not cut; repeats of
 * the same text are dropped.
 */
export function chooseSnippets(s: SnippetSources): Snippet[] {
  const out: Snippet[] = [];
  const seen = new Set<string>();
  let left = s.budgetTokens;
  const offer = (sn: Snippet) => {
    const key = sn.text.trim();
    if (!key || seen.has(key) || s.isSecret(sn.relativePath)) return;
    const cost = estimateTokens(sn.text) + estimateTokens(sn.relativePath) + 2;
    if (cost > left) return;
    seen.add(key);
    out.push(sn);
    left -= cost;
  };
  for (const d of s.definitions) offer(d);
  for (const r of s.recent) offer(r);
  const related = s.related.filter((f) => !s.isSecret(f.relativePath));
  if (related.length && left > 0) for (const r of s.index.rank(s.around, related, left * 3)) offer(r);
  for (const c of s.clipboard) offer(c);
  return out;
}
