// Owns the model reviewer of a CLI run: built from --review-model / --review-when (reviewerArgs.ts)
// through core's one constructor, and the lines that show its run and its findings on stderr —
// marked as the model's, beside the guard's.
import { createModelProvider, type ChatApi } from '../core/agent/modelProvider';
import type { Finding } from '../core/changes/finding';
import type { ChangeReviewer, ReviewOutcome } from '../core/changes/review';
import { optionalReviewer, reviewCostLine } from '../core/review/reviewer';
import type { ReviewWhen } from '../core/review/when';

/** The reviewer for a CLI run, on the run's endpoint; undefined when none is named or it is off. */
export function cliReviewer(o: { baseUrl: string; api: ChatApi; reviewModel?: string; reviewWhen?: ReviewWhen }, env: NodeJS.ProcessEnv): ChangeReviewer | undefined {
  if (!o.reviewModel || o.reviewWhen === 'off') return undefined;
  const provider = createModelProvider(o.api, { baseUrl: o.baseUrl, apiKey: env.OPENAI_API_KEY || undefined }, { idleTimeoutMs: Number(env.TANDEM_IDLE_TIMEOUT_MS) || undefined });
  return optionalReviewer({ provider, model: o.reviewModel, when: o.reviewWhen ?? 'high-risk' });
}

/** One finding as a line, saying whose it is: [guard] or [model]. */
export function findingLine(f: Finding): string {
  const who = f.source === 'model' ? 'model' : 'guard';
  return `[${who}] ${f.severity.toUpperCase()} ${f.path}:${f.line} ${f.ruleId}${f.cwe ? ` (${f.cwe})` : ''}: ${f.message}${f.fix ? ` Fix: ${f.fix}` : ''}`;
}

/** The reviewer's run for stderr: its model, time, tokens and cost, then its findings (or why it failed). */
export function reviewLines(r: ReviewOutcome | undefined): string[] {
  if (!r || r.status === 'skipped') return [];
  if (r.status === 'failed') return [`◆ reviewer ${reviewCostLine(r)} — ${r.note ?? 'failed'}`, ...r.findings.map((f) => `  ${findingLine(f)}`)];
  return [`◆ reviewer ${reviewCostLine(r)} — ${r.findings.length ? `${r.findings.length} finding(s)` : 'no findings'}`, ...r.findings.map((f) => `  ${findingLine(f)}`)];
}
