// Owns the CLI's view of its process: the streams, environment and flags `main` hands to the
// commands. A type only, so the tiny entry and the lazily loaded exec bundle share it at no cost.
import type { SandboxProbe } from '../core/sandbox/probe';
import type { Writable } from './render';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** True when stdin and stderr are terminals (someone can answer approvals). */
  interactive: boolean;
  /** True when stdin is not a terminal (a pipe, a file, /dev/null): it may carry input for the task. */
  stdinPiped?: boolean;
  cwd: string;
  /** Fires when the user asks to stop (Ctrl-C). */
  cancel?: AbortSignal;
  /** Replaces the bubblewrap probe (tests of the no-sandbox branch). */
  sandboxProbe?: SandboxProbe;
}
