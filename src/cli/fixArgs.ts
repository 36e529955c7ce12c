// Owns the command line of `tandem fix`: PATHS, --approval, --attempts, --test-command, --rules,
// --shard, --json and exec's model options. Errors are sentences with exit code 2.
import type { ApprovalMode } from './args';
import { DEFAULT_PARALLEL, DEFAULT_TEST_TIMEOUT_S } from './attemptArgs';
import { modelOptions, splitArgs, type ModelOptions, type Parsed } from './reviewArgs';
import { parseReviewerFlags, REVIEWER_FLAGS } from './reviewerArgs';
import type { ReviewWhen } from '../core/review/when';

export interface FixOptions extends ModelOptions {
  paths: string[];
  approval: ApprovalMode;
  attempts: number;
  parallel: number;
  testCommand?: string;
  testTimeoutMs: number;
  rules?: string[];
  shard: { index: number; count: number };
  json: boolean;
  maxSteps?: number;
  /** --review-when: when the reviewer (--review-model) looks at a verified patch before it is proposed. */
  reviewWhen: ReviewWhen;
}

export const FIX_HELP = `Usage: tandem fix [PATHS...] [--approval suggest|auto-edit|full-auto] [--attempts K] [--test-command CMD]
                  [--rules a,b] [--shard I/N] [--json] [--model M] [--review-model M] [--base-url URL] [--api chat|responses]

Scans PATHS (default: the current folder) with the guard, groups the findings by file and runs one
agent task per file to patch them. Each attempt works in its own copy of the workspace and is
verified: the file is scanned again (each finding gone, no new finding of severity medium or
above), the patch touches no other file, and the test command passes (when there is one). With
--attempts K the best verified attempt is kept. Verified patches go through the normal approval
(--approval) and the AI change log; unverified ones are reported, never applied.

Options:
  --approval MODE     suggest (default: ask in the terminal; refused without one), auto-edit, full-auto
  --attempts K        attempts per file (default 1)
  --parallel N        attempts at a time (default ${DEFAULT_PARALLEL})
  --test-command CMD  verifies every patch (default: $TANDEM_TEST_COMMAND, else detected: package.json
                      scripts.test, pyproject.toml, Makefile test:, …; none: the re-scan alone verifies)
  --test-timeout S    stop a test run after S seconds (default ${DEFAULT_TEST_TIMEOUT_S})
  --rules a,b         only these guard rules (tandem guard --list-rules shows the ids)
  --shard I/N         only file groups I, I+N, I+2N, … (1-based, path order), for a CI matrix
  --json              one JSON line per finding, and last {"type":"fix","findings":N,"fixed":F,"failed":[…]}
  --max-steps N       model calls per attempt (default 50)
  --review-model M    a model that reviews each verified patch before it is proposed (default:
                      $TANDEM_REVIEW_MODEL; none: no reviewer); its findings are shown beside the
                      guard's, and a high one makes every mode ask
  --review-when W     always (default: each patch fixes flagged code), high-risk, or off
  --model M, --base-url URL, --api chat|responses, --cwd DIR   as for tandem exec

Exit codes: 0 every selected finding was fixed (or there was none), 1 some were not, 2 bad
arguments, 4 verified patches were refused or not applied, 130 cancelled.
`;

const VALUE = new Set([...REVIEWER_FLAGS, '--base-url', '--model', '--api', '--cwd', '--approval', '--attempts', '--parallel', '--test-command', '--test-timeout', '--rules', '--shard', '--max-steps']);

function whole(flag: string, raw: string | undefined, dflt: number): number | string {
  if (raw === undefined) return dflt;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : `${flag} must be a whole number of at least 1; got "${raw}".`;
}

export function parseFixArgs(argv: string[], env: NodeJS.ProcessEnv): Parsed<FixOptions> {
  if (argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  const split = splitArgs(argv, VALUE, new Set(['--json']), 'fix');
  if (typeof split === 'string') return { kind: 'error', message: split };
  const { values, bools, positional } = split;
  const approval = values.get('--approval') ?? 'suggest';
  if (!['suggest', 'auto-edit', 'full-auto'].includes(approval)) return { kind: 'error', message: `--approval must be one of suggest, auto-edit, full-auto; got "${approval}".` };
  const nums: Record<string, number> = {};
  for (const [flag, dflt] of [['--attempts', 1], ['--parallel', DEFAULT_PARALLEL], ['--max-steps', 50]] as const) {
    const n = whole(flag, values.get(flag), dflt);
    if (typeof n === 'string') return { kind: 'error', message: n };
    nums[flag] = n;
  }
  const timeout = values.get('--test-timeout');
  if (timeout !== undefined && (!/^\d+(\.\d+)?$/.test(timeout) || Number(timeout) <= 0)) return { kind: 'error', message: `--test-timeout must be a number of seconds above 0; got "${timeout}".` };
  let shard = { index: 1, count: 1 };
  if (values.has('--shard')) {
    const m = /^(\d+)\/(\d+)$/.exec(values.get('--shard')!);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[1]) > Number(m[2])) return { kind: 'error', message: `--shard must be I/N with 1 ≤ I ≤ N, such as 2/4; got "${values.get('--shard')}".` };
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  const rules = values.get('--rules')?.split(',').map((r) => r.trim()).filter(Boolean);
  if (values.has('--rules') && !rules?.length) return { kind: 'error', message: '--rules needs rule ids separated by commas, such as sql-injection,command-injection.' };
  const m = modelOptions(values, env);
  if (typeof m === 'string') return { kind: 'error', message: m };
  // Every patch fixes code the guard flagged, so the reviewer reads each one unless told otherwise.
  const reviewer = parseReviewerFlags(values, env, 'always');
  if (typeof reviewer === 'string') return { kind: 'error', message: reviewer };
  return {
    kind: 'run',
    options: {
      ...m,
      ...reviewer,
      paths: positional,
      approval: approval as ApprovalMode,
      attempts: nums['--attempts'],
      parallel: nums['--parallel'],
      ...(values.has('--max-steps') ? { maxSteps: nums['--max-steps'] } : {}),
      testTimeoutMs: Math.round(Number(timeout ?? DEFAULT_TEST_TIMEOUT_S) * 1000),
      ...(values.has('--test-command') ? { testCommand: values.get('--test-command') } : {}),
      ...(rules ? { rules } : {}),
      shard,
      json: bools.has('--json'),
    },
  };
}
