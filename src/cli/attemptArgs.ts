// Owns the best-of-k options of `tandem exec`: --attempts, --parallel, --models (name or name@url,
// round-robin), --test-command and --test-timeout, checked into clear errors (exit 2).
import type { ModelChoice } from '../core/attempts/attemptRun';
import { parseModelEntry } from '../core/attempts/modelChoice';

export { parseModelEntry };

export interface AttemptOptions {
  attempts: number;
  parallel: number;
  /** Empty: every attempt uses --model at --base-url. */
  models: ModelChoice[];
  testTimeoutMs: number;
}

export const DEFAULT_PARALLEL = 2;
export const DEFAULT_TEST_TIMEOUT_S = 600;

export const ATTEMPT_FLAGS = ['--attempts', '--parallel', '--models', '--test-timeout'];

export const ATTEMPTS_HELP = `Best of k (each attempt works in its own copy of the workspace; the best is proposed):
  --attempts K           run the task K times independently, verify each with the test command, and
                         propose the changes of the best one (tests pass, fewer failing tests, smaller
                         diff, earlier finish)
  --parallel N           run at most N attempts at a time (default ${DEFAULT_PARALLEL})
  --models A,B,…         spread the attempts round-robin over these models; NAME@URL gives a model its
                         own endpoint (default: --model at --base-url)
  --test-command CMD     the command that verifies the work (default: detected from package.json,
                         pyproject.toml, Makefile, Cargo.toml or go.mod; also $TANDEM_TEST_COMMAND)
  --test-timeout S       stop an attempt's test run after S seconds (default ${DEFAULT_TEST_TIMEOUT_S})
  Outside --approval full-auto the test command and each command of an attempt are asked on the
  terminal; without one no attempt starts (exit 4).
`;

function wholeNumber(flag: string, raw: string): number | string {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return `${flag} must be a whole number of at least 1; got "${raw}".`;
  return Number(raw);
}

/** The attempt options from the flags' values, undefined when none was given, or an error message. */
export function parseAttemptOptions(values: Map<string, string>): AttemptOptions | undefined | string {
  if (!values.has('--attempts') && !values.has('--models')) {
    const stray = ['--parallel', '--test-timeout'].find((f) => values.has(f));
    return stray ? `${stray} applies to several attempts; add --attempts K (see tandem --help).` : undefined;
  }
  const models: ModelChoice[] = [];
  if (values.has('--models')) {
    const entries = values.get('--models')!.split(',');
    for (const e of entries) {
      const m = parseModelEntry(e);
      if (typeof m === 'string') return m;
      models.push(m);
    }
  }
  const attempts = values.has('--attempts') ? wholeNumber('--attempts', values.get('--attempts')!) : Math.max(models.length, 1);
  if (typeof attempts === 'string') return attempts;
  const parallel = values.has('--parallel') ? wholeNumber('--parallel', values.get('--parallel')!) : DEFAULT_PARALLEL;
  if (typeof parallel === 'string') return parallel;
  let testTimeoutMs = DEFAULT_TEST_TIMEOUT_S * 1000;
  if (values.has('--test-timeout')) {
    const raw = values.get('--test-timeout')!;
    if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) return `--test-timeout must be a number of seconds above 0; got "${raw}".`;
    testTimeoutMs = Math.round(Number(raw) * 1000);
  }
  return { attempts, parallel, models, testTimeoutMs };
}
