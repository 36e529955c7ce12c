// Owns what every edit tool does with its proposed changes: decide under the approval policy, ask
// the approver when needed, apply all approved changes or none (earlier ones are rolled back when a
// later one fails), and tell the model what happened — including errors the language server finds
// in the edited files afterwards (in the editor).
import * as path from 'node:path';
import { decideEdit } from '../policy/approvalPolicy';
import type { EditTarget } from '../policy/pathRules';
import { withoutRejectedHunks } from '../edits/hunks';
import { makeChange } from '../edits/proposedChange';
import { scanChangeWithImports } from '../guard/importedHelpers';
import { workspaceImportReader } from '../guard/importReader';
import { describeFindings, mergeFindings } from '../guard/scan';
import { newErrorsNote } from './editProblems';
import { StaleChangeError, type ProposedChange } from '../changes/change';
import { ToolCallError, type ToolContext, type ToolResult } from './types';

function inverse(c: ProposedChange): ProposedChange {
  switch (c.kind) {
    case 'create':
      return makeChange({ path: c.path, kind: 'delete', oldText: c.newText });
    case 'delete':
      return makeChange({ path: c.path, kind: 'create', newText: c.oldText });
    case 'update':
      return makeChange({ path: c.path, kind: 'update', oldText: c.newText, newText: c.oldText });
    case 'move':
      return makeChange({ path: c.newPath!, kind: 'move', newPath: c.path, oldText: c.newText, newText: c.oldText });
  }
}

function summary(c: ProposedChange): string {
  const what = c.kind === 'create' ? 'created' : c.kind === 'delete' ? 'deleted' : c.kind === 'move' ? `moved to ${c.newPath}` : 'updated';
  return `${c.path} ${what} (+${c.added} -${c.removed})`;
}

/** Undoes applied changes, newest first; returns the files that could not be undone, with why. */
async function rollBack(applied: ProposedChange[], ctx: ToolContext): Promise<string[]> {
  const stuck: string[] = [];
  for (const c of [...applied].reverse()) await ctx.applier.apply(inverse(c), new AbortController().signal).catch((e: Error) => stuck.push(`${c.newPath ?? c.path} (${e.message})`));
  return stuck;
}

/** The result when the AI change log could not take the change: it is not applied, and the user is told why. */
function notRecorded(changes: ProposedChange[], why: string, stuck: string[]): ToolResult {
  const files = changes.map((c) => c.newPath ?? c.path).join(', ');
  const left = stuck.length ? ` Undoing it failed for ${stuck.join('; ')}: read those files before going on.` : '';
  return {
    output: `The change to ${files} was not applied because it could not be recorded in the AI change log (Tandem records every change it writes, or writes none): ${why}${left}`,
    isError: true,
    meta: { notApplied: true, auditFailed: why, ...(stuck.length ? { rollbackFailed: stuck } : {}) },
  };
}

export async function proposeAndApply(changes: ProposedChange[], ctx: ToolContext, signal: AbortSignal): Promise<ToolResult> {
  const unchanged = changes.filter((c) => c.kind === 'update' && c.oldText === c.newText);
  const real = changes.filter((c) => !unchanged.includes(c));
  if (real.length === 0) return { output: 'The edit changes nothing: the new text equals the current text.', isError: true };
  const verdict = decideEdit(
    ctx.approvalMode,
    real.flatMap((c): EditTarget[] => (c.newPath ? [{ path: c.path, oldText: c.oldText }, { path: c.newPath, newText: c.newText }] : [{ path: c.path, oldText: c.oldText, newText: c.newText }])),
  );
  // The whole new text of each file is scanned; findings are kept on the lines the change adds.
  // Helpers the changed files import (from the same change or the disk) count as sinks at their call sites.
  const readImport = workspaceImportReader(ctx.workspaceRoot, real);
  const summaryCache = new Map();
  let findings = (await Promise.all(real.map((c) => scanChangeWithImports(c, readImport, ctx.guardDisabledRules, summaryCache)))).flat();
  if (ctx.externalScanner) {
    for (const c of real) findings = mergeFindings(findings, await ctx.externalScanner(c, signal).catch(() => []));
  }
  // The model reviewer's findings (marked source 'model') join the guard's and count the same way.
  const review = ctx.reviewer ? await ctx.reviewer(real, findings, signal) : undefined;
  const guardFindings = findings;
  if (review) findings = [...findings, ...review.findings];
  // A high-severity finding turns auto-apply into a question, whatever the mode.
  const flagged = findings.some((f) => f.severity === 'high');
  const guardNote = guardFindings.length ? `\nTandem's guard flagged these lines; fix them in a follow-up edit:\n${describeFindings(guardFindings)}` : '';
  const modelFound = review?.findings ?? [];
  const reviewNote = review?.status === 'failed' ? `\n${review.note}` : modelFound.length ? `\nTandem's reviewer (${review!.model}) flagged these lines; fix the real ones in a follow-up edit:\n${describeFindings(modelFound)}` : '';
  let approvedBy: 'policy' | 'user' = 'policy';
  let toApply = real;
  let hunkNote = '';
  if (verdict.decision !== 'allow' || flagged) {
    const decision = await ctx.approver.request({ type: 'edit', changes: real, toolCallId: ctx.toolCallId, ...(findings.length ? { findings } : {}), ...(review ? { review } : {}) }, signal);
    if (!decision.approved) {
      return {
        output: `The user rejected this change to ${real.map((c) => c.path).join(', ')}; nothing was written.${decision.reason ? ` Their reason: ${decision.reason}` : ''}${guardNote}${reviewNote}`,
        isError: true,
        meta: { rejected: true, changes: real.map((c) => c.id), ...(findings.length ? { findings } : {}), ...(review ? { review } : {}) },
      };
    }
    approvedBy = 'user';
    if (decision.rejectedHunks) ({ changes: toApply, note: hunkNote } = withoutRejectedHunks(real, decision.rejectedHunks));
  }
  // The audit log fails closed: a change it cannot take is not written at all.
  const unrecordable = await ctx.recorder?.check?.().then(
    () => undefined,
    (err: Error) => err.message,
  );
  if (unrecordable !== undefined && toApply.length) return notRecorded(toApply, unrecordable, []);
  const applied: ProposedChange[] = [];
  // Watched from before the write, so errors that were already there are not reported as new.
  const watch = ctx.editDiagnostics?.watch(toApply.map((c) => path.join(ctx.workspaceRoot, c.newPath ?? c.path)));
  try {
    for (const c of toApply) {
      await ctx.applier.apply(c, signal);
      applied.push(c);
    }
  } catch (err) {
    watch?.dispose();
    // Undo what was written; a part that cannot be undone is said, never swallowed.
    const stuck = await rollBack(applied, ctx);
    if (stuck.length) {
      return {
        output: `Applying the change failed (${(err as Error).message}), and undoing the parts already written failed too, so these files are left half-changed: ${stuck.join('; ')}. Read them before going on; the user can restore the last checkpoint.`,
        isError: true,
        meta: { notApplied: true, rollbackFailed: stuck },
      };
    }
    // Nothing was written (earlier changes were rolled back): front ends count it as not applied.
    if (err instanceof ToolCallError || err instanceof StaleChangeError) return { output: err.message, isError: true, meta: { notApplied: true } };
    throw err;
  }
  if (ctx.recorder) {
    for (const change of toApply) {
      const own = findings.filter((f) => f.path === (change.newPath ?? change.path));
      const failed = await ctx.recorder.record({ change, approvedBy, findings: own }).then(
        () => undefined,
        (err: Error) => err.message,
      );
      if (failed !== undefined) {
        // The log changed between the check and the write (deleted or replaced mid-task): undo the change.
        watch?.dispose();
        return notRecorded(toApply, failed, await rollBack(applied, ctx));
      }
    }
  }
  const problemNote = watch ? await newErrorsNote(watch, ctx.workspaceRoot, signal) : '';
  if (toApply.length === 0) return { output: `Nothing was written: the user rejected every hunk of the change.${hunkNote}`, isError: true, meta: { rejected: true, changes: real.map((c) => c.id) } };
  return { output: `Applied: ${toApply.map(summary).join('; ')}.${hunkNote}${guardNote}${reviewNote}${problemNote}`, meta: { applied: toApply.map((c) => c.id), approvedBy, changes: toApply, findings, ...(review ? { review } : {}) } };
}
