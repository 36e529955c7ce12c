// Owns the lines the inline chat thread shows beside the answer for what ran around the edit: the
// model reviewer's run (marked as the model's, with its time and cost, or its failure) and each hook
// run (what it did and what it said), in the same words as the panel's step.
import type { ReviewOutcome } from '../../core/changes/review';
import type { HookReport } from '../../core/hooks/engine';
import { reviewCostLine } from '../../core/review/reviewer';

/** '' when there was no review; else a paragraph to append to the review prompt. */
export function reviewNote(r: ReviewOutcome | undefined): string {
  if (!r || r.status === 'skipped') return '';
  if (r.status === 'failed') return `\n\n$(warning) ${r.note ?? `The reviewer (${r.model}) failed.`}`;
  const found = r.findings.length ? `${r.findings.length} finding(s), shown on the proposed lines as "Tandem reviewer (model)"` : 'no findings';
  return `\n\n$(sparkle) Model reviewer ${reviewCostLine(r)} — ${found}.`;
}

const WHAT: Record<HookReport['outcome'], string> = { ok: 'ran', blocked: 'blocked', error: 'failed', timeout: 'timed out', cancelled: 'cancelled' };

/** One hook run: `⚙ PreToolUse hook (edit_file) blocked: reason`, errors with the error icon. */
export function hookNote(r: HookReport): string {
  const icon = r.outcome === 'error' || r.outcome === 'timeout' ? '$(error)' : r.outcome === 'blocked' ? '$(circle-slash)' : '$(gear)';
  const said = (r.message ?? r.stderr ?? r.stdout ?? '').trim().split('\n')[0];
  return `${icon} ${r.event} hook${r.toolName ? ` (${r.toolName})` : ''} ${WHAT[r.outcome]}: \`${r.command.split('\n')[0]}\`${said ? ` — ${said}` : ''}`;
}
