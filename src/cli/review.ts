// Owns `tandem review`: collects the changes between two refs (reviewDiff.ts), scans their added
// lines with the guard and asks the model reviewer about each changed file, then writes the report
// (reviewReport.ts) and maps it onto the exit code. Loaded lazily with the exec bundle.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../core/changes/finding';
import { scanChange } from '../core/guard/scan';
import { startCommand } from './commandStart';
import { EXIT } from './exitCodes';
import type { CliIo } from './io';
import { collectDiff, defaultBase, RefError } from './reviewDiff';
import { REVIEW_HELP, parseReviewArgs } from './reviewArgs';
import { cliReviewer } from './reviewer';
import { jsonReview, markdownReview, sarifReview, summaryText, textReview, totals, type ReviewRun } from './reviewReport';

export async function runReview(argv: string[], io: CliIo): Promise<number> {
  const started = await startCommand(parseReviewArgs(argv, io.env), REVIEW_HELP, io);
  if (typeof started === 'number') return started;
  const { options: o, root } = started;
  let diff;
  try {
    diff = await collectDiff(root, o.base ?? defaultBase(io.env), o.head, o.paths);
  } catch (err) {
    if (!(err instanceof RefError)) throw err;
    io.stderr.write(`error: ${err.message}\n`);
    return EXIT.badArgs;
  }
  const signal = io.cancel ?? new AbortController().signal;
  // tandem review always asks its reviewer: --review-model, else the --model itself.
  const review = cliReviewer({ ...o, reviewModel: o.reviewModel ?? o.model, reviewWhen: 'always' }, io.env)!;
  const guard: Finding[] = [];
  const reviews: ReviewRun['reviews'] = [];
  for (const change of diff.changes) {
    const file = change.newPath ?? change.path;
    const found = await scanChange(change).catch((err: Error) => {
      io.stderr.write(`warning: the guard failed on ${file} (${err.message}); its findings are missing.\n`);
      return [];
    });
    guard.push(...found);
    io.stderr.write(`Reviewing ${file}…\n`);
    try {
      reviews.push({ path: file, outcome: await review([change], found, signal) });
    } catch {
      io.stderr.write('Cancelled.\n');
      return EXIT.cancelled;
    }
  }
  const run: ReviewRun = { base: diff.base, head: diff.head, files: diff.changes.length, guard, reviews, skipped: diff.skipped, failOn: o.failOn, root };
  const t = totals(run);
  const report = o.format === 'json' ? jsonReview(run, t) : o.format === 'sarif' ? sarifReview(run, t) : o.format === 'markdown' ? markdownReview(run, t) : textReview(run, t);
  if (diff.changes.length === 0) io.stderr.write(`No changes to review between ${diff.base.slice(0, 12)} and ${diff.head}.\n`);
  for (const [file, text] of [...(o.output ? [[o.output, report]] : []), ...(o.sarif ? [[o.sarif, sarifReview(run, t)]] : [])]) {
    try {
      await fs.writeFile(path.resolve(io.cwd, file), text);
    } catch (err) {
      io.stderr.write(`error: Could not write the report to ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).\n`);
      return EXIT.error;
    }
  }
  if (o.output) {
    io.stderr.write(`${summaryText(run, t)} Report written to ${o.output}.\n`);
  } else {
    io.stdout.write(report);
    if (o.format !== 'text') io.stderr.write(`${summaryText(run, t)}\n`);
  }
  for (const n of t.reviewerFailed) if (o.format !== 'text' || o.output) io.stderr.write(`error: ${n}\n`);
  return t.failed ? EXIT.error : EXIT.answer;
}
