// Owns the command line of `tandem eval`: the tasks folder, attempts per model, models, shard,
// output; and of `tandem eval merge RESULTS…`. Errors are sentences with exit code 2.
import type { ChatApi } from '../core/agent/modelProvider';
import type { ApprovalMode } from './args';
import type { ModelChoice } from '../core/attempts/attemptRun';
import { DEFAULT_PARALLEL, DEFAULT_TEST_TIMEOUT_S, parseModelEntry } from './attemptArgs';

export interface EvalOptions {
  dir: string;
  attempts: number;
  parallel: number;
  models: ModelChoice[];
  baseUrl: string;
  api: ChatApi;
  /** 1-based shard and shard count: tasks whose 0-based position p has p % count === index - 1. */
  shard: { index: number; count: number };
  json: boolean;
  output?: string;
  maxSteps?: number;
  testTimeoutMs: number;
  /** --no-hooks: run none (default: the user's hooks, and a task workspace's once enabled with tandem exec --enable-hooks). */
  hooks: boolean;
  /** What the attempts' commands may do unasked (default suggest: asked in the terminal; refused without one). */
  approval: ApprovalMode;
}

export type ParsedEval = { kind: 'run'; options: EvalOptions } | { kind: 'merge'; files: string[]; json: boolean; output?: string } | { kind: 'help' } | { kind: 'error'; message: string };

export const EVAL_HELP = `Usage: tandem eval [options] DIR            run every task in DIR with --attempts K per model
       tandem eval merge [--json] [--output FILE] RESULTS.json…   combine shard results into one table

A task is a folder of DIR holding task.json: {"task": "what to do", "testCommand": "node test.js",
"workspace": "workspace" (the folder the agent works in, default "workspace")}. The task's
workspace is never changed: every attempt works in its own copy. The attempts' commands follow
--approval as in tandem exec --attempts: in suggest and auto-edit each task's test command is asked
once and every command an attempt runs is asked in the terminal; without a terminal nothing starts
(exit 4). Pass --approval full-auto to run unattended (CI), each command in the sandbox when available.

Options:
  --model M | --models A,B,…   the models to compare (NAME or NAME@URL; default $TANDEM_MODEL)
  --base-url URL         endpoint of models without @URL (default: $OPENAI_BASE_URL or http://localhost:11434/v1)
  --approval MODE        suggest (default), auto-edit, full-auto: what the attempts' commands may do unasked
  --attempts K           attempts per task and model (default 1); pass@1 … pass@K are reported
  --parallel N           attempts at a time (default ${DEFAULT_PARALLEL})
  --shard I/N            run only tasks I, I+N, I+2N, … (1-based), for a CI matrix; merge the results
  --json                 print the results as one JSON object (the input of tandem eval merge)
  --output FILE          also write the JSON results to FILE
  --max-steps N          model calls per attempt (default 50)
  --test-timeout S       stop a test run after S seconds (default ${DEFAULT_TEST_TIMEOUT_S})
  --api chat|responses   Chat Completions (default) or the Responses API
  --no-hooks             run no hooks (default: the user's hooks run in every attempt, as in tandem
                         exec; a task workspace's .tandem/hooks.json only once enabled there)
`;

const VALUE_FLAGS = new Set(['--approval', '--model', '--models', '--base-url', '--attempts', '--parallel', '--shard', '--output', '--max-steps', '--test-timeout', '--api']);

function whole(flag: string, raw: string): number | string {
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : `${flag} must be a whole number of at least 1; got "${raw}".`;
}

export function parseEvalArgs(argv: string[], env: NodeJS.ProcessEnv): ParsedEval {
  if (argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  const values = new Map<string, string>();
  const positional: string[] = [];
  let json = false;
  let hooks = true;
  const merge = argv[0] === 'merge';
  const rest = merge ? argv.slice(1) : argv;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (arg === '--no-hooks' && !merge) {
      hooks = false;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value (see tandem eval --help).` };
      values.set(flag, value);
      continue;
    }
    if (arg.startsWith('-')) return { kind: 'error', message: `Unknown option ${flag}. See tandem eval --help.` };
    positional.push(arg);
  }
  if (merge) {
    if (positional.length === 0) return { kind: 'error', message: 'tandem eval merge needs the result files of the shards: tandem eval merge shard-1.json shard-2.json …' };
    return { kind: 'merge', files: positional, json, ...(values.has('--output') ? { output: values.get('--output') } : {}) };
  }
  if (positional.length !== 1) return { kind: 'error', message: 'tandem eval needs one folder of tasks: tandem eval [options] DIR (see tandem eval --help).' };
  const models: ModelChoice[] = [];
  for (const entry of (values.get('--models') ?? values.get('--model') ?? env.TANDEM_MODEL ?? '').split(',')) {
    if (!values.has('--models') && !values.has('--model') && !env.TANDEM_MODEL) return { kind: 'error', message: 'No model given. Pass --model NAME or --models A,B or set TANDEM_MODEL.' };
    const m = parseModelEntry(entry);
    if (typeof m === 'string') return { kind: 'error', message: m.replace(/^--models/, values.has('--models') ? '--models' : '--model') };
    models.push(m);
  }
  const attempts = values.has('--attempts') ? whole('--attempts', values.get('--attempts')!) : 1;
  if (typeof attempts === 'string') return { kind: 'error', message: attempts };
  const parallel = values.has('--parallel') ? whole('--parallel', values.get('--parallel')!) : DEFAULT_PARALLEL;
  if (typeof parallel === 'string') return { kind: 'error', message: parallel };
  let maxSteps: number | undefined;
  if (values.has('--max-steps')) {
    const m = whole('--max-steps', values.get('--max-steps')!);
    if (typeof m === 'string') return { kind: 'error', message: m };
    maxSteps = m;
  }
  let shard = { index: 1, count: 1 };
  if (values.has('--shard')) {
    const m = /^(\d+)\/(\d+)$/.exec(values.get('--shard')!);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[1]) > Number(m[2])) return { kind: 'error', message: `--shard must be I/N with 1 ≤ I ≤ N, such as 2/4; got "${values.get('--shard')}".` };
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  const raw = values.get('--test-timeout');
  if (raw !== undefined && (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0)) return { kind: 'error', message: `--test-timeout must be a number of seconds above 0; got "${raw}".` };
  const approval = values.get('--approval') ?? 'suggest';
  if (!['suggest', 'auto-edit', 'full-auto'].includes(approval)) return { kind: 'error', message: `--approval must be one of suggest, auto-edit, full-auto; got "${approval}".` };
  const api = values.get('--api') ?? 'chat';
  if (api !== 'chat' && api !== 'responses') return { kind: 'error', message: `--api must be chat or responses; got "${api}".` };
  const baseUrl = values.get('--base-url') ?? env.OPENAI_BASE_URL ?? 'http://localhost:11434/v1';
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) return { kind: 'error', message: `--base-url must be an http(s) URL; got "${baseUrl}".` };
  return {
    kind: 'run',
    options: { dir: positional[0], approval: approval as ApprovalMode, attempts, parallel, models, baseUrl, api, shard, json, hooks, testTimeoutMs: Math.round(Number(raw ?? DEFAULT_TEST_TIMEOUT_S) * 1000), ...(values.has('--output') ? { output: values.get('--output') } : {}), ...(maxSteps ? { maxSteps } : {}) },
  };
}
