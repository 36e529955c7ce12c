// Owns the command lines of `tandem review` and `tandem fix`: their options (the model options are
// exec's: --base-url, --model, --api and $OPENAI_BASE_URL, $TANDEM_MODEL), defaults and help texts.
// Errors are sentences saying what to type instead (the caller exits 2 on them).
import type { ChatApi } from '../core/agent/modelProvider';
import type { FailOn } from './guardArgs';

export type ReviewFormat = 'text' | 'json' | 'sarif' | 'markdown';

export interface ModelOptions {
  baseUrl: string;
  model: string;
  /** --review-model: the reviewer's model (review: default --model; fix: no reviewer without it). */
  reviewModel?: string;
  api: ChatApi;
  cwd: string;
}

export interface ReviewOptions extends ModelOptions {
  base?: string;
  head?: string;
  format: ReviewFormat;
  failOn: FailOn;
  output?: string;
  /** --sarif FILE: also write the SARIF report there (one model run feeds a PR comment and code scanning). */
  sarif?: string;
  paths: string[];
}

export type Parsed<T> = { kind: 'help' } | { kind: 'run'; options: T } | { kind: 'error'; message: string };

export const REVIEW_HELP = `Usage: tandem review [--base REF] [--head REF] [--model M] [--review-model M] [--format text|json|sarif|markdown]
                     [--fail-on high|medium|low|none] [--output FILE] [--sarif FILE] [--cwd DIR] [PATHS...]

Reviews the changes between two git refs with the guard's rules AND a model reviewer (a second
opinion from a reasoning model, answering in a fixed JSON schema). Only the changed lines are
judged; the model sees them with the code around them. No --base: the pull request's base in CI
($GITHUB_BASE_REF), else HEAD. No --head: the working tree (untracked files included).

Options:
  --base REF         the ref to compare against (the merge base with the head is used)
  --head REF         the ref to review (default: the working tree)
  --format F         text (default), json, sarif (GitHub code scanning; the model's findings have
                     their own rule ids and properties.source "model"), markdown (a PR comment)
  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL: high (default), medium, low, none
  --output FILE      write the report to FILE instead of stdout
  --sarif FILE       also write the SARIF report to FILE (with --format markdown: one run, two reports)
  --model M          the model (default: $TANDEM_MODEL); --review-model M for a different reviewer
  --base-url URL     OpenAI-compatible endpoint (default: $OPENAI_BASE_URL or http://localhost:11434/v1)
  --api chat|responses
  --cwd DIR          the repository (default: the current folder)

Exit codes: 0 nothing at or above --fail-on, 1 a finding at or above it, or the reviewer failed
(its opinion is missing: never reported as "no issues"), 2 bad arguments or refs.
The API key is read from $OPENAI_API_KEY.
`;

const FORMATS: readonly ReviewFormat[] = ['text', 'json', 'sarif', 'markdown'];
const FAIL_ON: readonly FailOn[] = ['high', 'medium', 'low', 'none'];

/** Splits argv into flag values, boolean flags and positional arguments; a string is the error. */
export function splitArgs(argv: string[], valueFlags: Set<string>, boolFlags: Set<string>, command: string): { values: Map<string, string>; bools: Set<string>; positional: string[] } | string {
  const values = new Map<string, string>();
  const bools = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (boolFlags.has(arg)) {
      bools.add(arg);
      continue;
    }
    if (valueFlags.has(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return `${flag} needs a value (see tandem ${command} --help).`;
      values.set(flag, value);
      continue;
    }
    if (arg.startsWith('-')) return `Unknown option ${flag}. See tandem ${command} --help.`;
    positional.push(arg);
  }
  return { values, bools, positional };
}

/** exec's model options, shared by review and fix. */
export function modelOptions(values: Map<string, string>, env: NodeJS.ProcessEnv): ModelOptions | string {
  const baseUrl = values.get('--base-url') ?? env.OPENAI_BASE_URL ?? 'http://localhost:11434/v1';
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) return `--base-url must be an http(s) URL such as http://localhost:11434/v1; got "${baseUrl}".`;
  const api = values.get('--api') ?? 'chat';
  if (api !== 'chat' && api !== 'responses') return `--api must be chat or responses; got "${api}".`;
  const model = values.get('--model') ?? env.TANDEM_MODEL;
  if (!model) return 'No model given. Pass --model NAME (for example --model qwen2.5-coder:7b) or set TANDEM_MODEL.';
  const reviewModel = values.get('--review-model');
  return { baseUrl, api, model, ...(reviewModel ? { reviewModel } : {}), cwd: values.get('--cwd') ?? '.' };
}

export const MODEL_FLAGS = ['--base-url', '--model', '--review-model', '--api', '--cwd'];

export function parseReviewArgs(argv: string[], env: NodeJS.ProcessEnv): Parsed<ReviewOptions> {
  if (argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  const split = splitArgs(argv, new Set([...MODEL_FLAGS, '--base', '--head', '--format', '--fail-on', '--output', '--sarif']), new Set(), 'review');
  if (typeof split === 'string') return { kind: 'error', message: split };
  const { values, positional } = split;
  const format = values.get('--format') ?? (values.get('--output')?.endsWith('.sarif') ? 'sarif' : values.get('--output')?.endsWith('.md') ? 'markdown' : values.get('--output')?.endsWith('.json') ? 'json' : 'text');
  if (!FORMATS.includes(format as ReviewFormat)) return { kind: 'error', message: `--format must be one of ${FORMATS.join(', ')}; got "${format}".` };
  const failOn = values.get('--fail-on') ?? 'high';
  if (!FAIL_ON.includes(failOn as FailOn)) return { kind: 'error', message: `--fail-on must be one of ${FAIL_ON.join(', ')}; got "${failOn}".` };
  for (const f of ['--base', '--head']) {
    const ref = values.get(f);
    // A ref starting with "-" would be read by git as an option.
    if (ref !== undefined && (ref.startsWith('-') || /[\s\0]/.test(ref))) return { kind: 'error', message: `${f} must be a git ref or commit such as origin/main or a SHA; got "${ref}".` };
  }
  const m = modelOptions(values, env);
  if (typeof m === 'string') return { kind: 'error', message: m };
  return {
    kind: 'run',
    options: { ...m, format: format as ReviewFormat, failOn: failOn as FailOn, paths: positional, ...(values.has('--base') ? { base: values.get('--base') } : {}), ...(values.has('--head') ? { head: values.get('--head') } : {}), ...(values.has('--output') ? { output: values.get('--output') } : {}), ...(values.has('--sarif') ? { sarif: values.get('--sarif') } : {}) },
  };
}
