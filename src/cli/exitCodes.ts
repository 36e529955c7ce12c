// Owns the exit codes of `tandem` and how a finished task maps onto one. A CI step branches on
// these, so each has one meaning and `tandem --help` lists them all (see HELP in args.ts).
import type { DoneReason } from '../core/agent/events';

export const EXIT = {
  /** The task ended with an answer and everything proposed was applied or run. */
  answer: 0,
  /** The model server failed (after retries), a tool ended the turn, or the answer broke --output-schema. */
  error: 1,
  /** Bad arguments or input: fix the command line. */
  badArgs: 2,
  /** --max-steps reached before the task was finished. */
  stepLimit: 3,
  /** The task ended, but changes or commands it proposed were refused or not applied. */
  notApplied: 4,
  /** Cancelled with Ctrl-C (a second Ctrl-C exits at once). */
  cancelled: 130,
} as const;

/** The exit code of a turn that ended with `reason` after `notApplied` refused or failed proposals. */
export function exitCodeFor(reason: DoneReason, notApplied: number): number {
  if (reason === 'answer') return notApplied > 0 ? EXIT.notApplied : EXIT.answer;
  return EXIT[reason];
}

export const EXIT_CODES_HELP = `Exit codes:
  0    the task ended with an answer and every proposed change and command was applied
  1    error: the model server failed (after retries), a tool ended the task, or the answer did not
       match --output-schema
  2    bad arguments or input (the message says what to fix)
  3    --max-steps was reached before the task was finished
  4    the task ended but some proposed changes or commands were refused or not applied (no terminal
       to approve them, the user said no, a forbidden command, a file changed meanwhile)
  130  cancelled with Ctrl-C (a second Ctrl-C exits at once, stopping a stuck command)
`;
