// Entry of the `tandem` CLI (bundled to dist/cli.js). Kept tiny so `tandem --help` and `--version`
// start about as fast as bare Node: only argument parsing and the help text load here; `exec` and
// `audit` load ./exec on demand (bundled separately as dist/cliExec.js). Also owns Ctrl-C: the first
// cancels the turn gracefully, a second exits at once (130), killing what the tools started.
import { version } from '../../package.json';
import { HELP, parseArgs } from './args';
import { EXIT } from './exitCodes';
import type { CliIo } from './io';
import { killChildProcessGroups } from './children';
import { exitWhenDone } from './exitPromptly';
import { baselineWasmOnly } from './v8Flags';

export type { CliIo } from './io';
export { EXIT } from './exitCodes';

export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'audit') return (await import('./exec')).runAudit(argv.slice(1), io);
  if (argv[0] === 'checkpoints') return (await import('./exec')).runCheckpoints(argv.slice(1), io);
  if (argv[0] === 'restore') return (await import('./exec')).runRestore(argv.slice(1), io);
  // The scanner and its engine load only for this command (from the lazily required exec bundle).
  if (argv[0] === 'guard') return (await import('./exec')).runGuard(argv.slice(1), io);
  if (argv[0] === 'eval') return (await import('./exec')).runEval(argv.slice(1), io);
  if (argv[0] === 'review') return (await import('./exec')).runReview(argv.slice(1), io);
  if (argv[0] === 'fix') return (await import('./exec')).runFix(argv.slice(1), io);
  // The Agent Client Protocol on stdin/stdout, for editors that host agents (acp/server.ts).
  if (argv[0] === 'acp') return (await import('./exec')).runAcp(argv.slice(1), io);
  const parsed = parseArgs(argv, io.env, io.cwd, io.stdinPiped);
  switch (parsed.kind) {
    case 'help':
      io.stdout.write(HELP);
      return 0;
    case 'version':
      io.stdout.write(`tandem ${version}\n`);
      return 0;
    case 'error':
      io.stderr.write(`error: ${parsed.message}\n`);
      return EXIT.badArgs;
    case 'exec':
      return (await import('./exec')).runExec(parsed.options, io);
  }
}

if (require.main === module) {
  // A task's process: one short run, set up before anything compiles (v8Flags.ts).
  if (process.argv[2] === 'exec') baselineWasmOnly();
  const cancel = new AbortController();
  process.on('SIGINT', () => {
    if (cancel.signal.aborted) {
      // Second Ctrl-C: do not wait for a stuck command or server; stop what we started and leave.
      process.stderr.write('\nStopped at once (second Ctrl-C).\n');
      killChildProcessGroups();
      process.exit(EXIT.cancelled);
    }
    process.stderr.write('\nCancelling… (press Ctrl-C again to exit at once)\n');
    cancel.abort();
  });
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    stdinPiped: !process.stdin.isTTY,
    cwd: process.cwd(),
    cancel: cancel.signal,
  }).then(
    exitWhenDone,
    (err: unknown) => {
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      exitWhenDone(EXIT.error);
    },
  );
}
