// The panel's views that follow the user's action (part of the panel protocol, messages.ts): the
// summary card a task's turn ends with, whose file links open a diff of what the turn changed, and
// file paths in tool steps that open the file at a line.
import * as z from 'zod';

/** The card a turn ends with: files changed (+/− lines from before the turn to now) and the last test or command result. */
export const SummaryItem = z.object({
  kind: z.literal('summary'),
  id: z.string(),
  /** "3 files changed", "No files changed". */
  title: z.string(),
  files: z.array(
    z.object({
      path: z.string(),
      /** Where it was before the turn, when it moved. */
      from: z.string().optional(),
      added: z.number(),
      removed: z.number(),
      created: z.boolean().optional(),
      deleted: z.boolean().optional(),
    }),
  ),
  check: z.object({ command: z.string(), passed: z.boolean(), isTest: z.boolean() }).optional(),
  /** The checkpoint from before the turn: the diffs' left side, also after VS Code restarts. */
  checkpointId: z.string().optional(),
});
export type SummaryItem = z.infer<typeof SummaryItem>;

/** The file a tool step is about (read_file, edit_file, write_file, apply_patch), with the lines it read or changed when known. */
export const StepTarget = z.object({ path: z.string(), line: z.number().int().min(1).optional(), endLine: z.number().int().min(1).optional() });
export type StepTarget = z.infer<typeof StepTarget>;

export const followViewMessages = [
  /** Open the diff of one file of a summary card: before the turn (read-only) against the file now. */
  z.object({ type: z.literal('openSummaryDiff'), itemId: z.string().min(1), path: z.string().min(1).max(1000) }),
  /** Open a file a tool step names, at a 1-based line (and through endLine when a range is known). */
  z.object({ type: z.literal('openLocation'), path: z.string().min(1).max(1000), line: z.number().int().min(1).max(10_000_000).optional(), endLine: z.number().int().min(1).max(10_000_000).optional() }),
] as const;
