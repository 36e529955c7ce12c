// Owns the command line of `tandem guard`: its options, their defaults and its help text. Errors are
// sentences that say what was wrong and what to type instead (the caller exits 2 on them).
import type { Finding } from '../core/changes/finding';

export type GuardFormat = 'text' | 'json' | 'sarif';
export type FailOn = Finding['severity'] | 'none';

export interface GuardOptions {
  format: GuardFormat;
  failOn: FailOn;
  output?: string;
  cwd: string;
  disabled: string[];
  listRules: boolean;
  paths: string[];
}

export type ParsedGuardArgs = { kind: 'help' } | { kind: 'guard'; options: GuardOptions } | { kind: 'error'; message: string };

export const GUARD_HELP = `Usage: tandem guard [--format text|json|sarif] [--fail-on high|medium|low|none] [--output FILE] [--cwd DIR] [PATHS...]

Scans files and folders for insecure code (SQL, command and code injection, hard-coded secrets, TLS
verification turned off, weak randomness, path traversal, ...) with the rules of the editor's guard.
Folders are walked respecting .gitignore (every level) and .tandemignore; node_modules, .git, secret
files (.env*, keys), binary files, files over 1 MB and symlinks are skipped and counted. No PATHS
scans the current folder.

Options:
  --format F         text (default), json, or sarif (SARIF 2.1.0 for GitHub code scanning);
                     without it, an --output ending in .sarif or .json picks that format
  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL: high (default), medium, low;
                     none never fails on findings
  --output FILE      write the report to FILE instead of stdout
  --cwd DIR          folder to scan from (default: the current folder); PATHS, --output and the
                     reported paths are relative to it
  --disable RULE     turn a rule off (repeatable); --list-rules shows the rule ids
  --list-rules       print the rules and exit
  -h, --help         show this help

Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 bad arguments (or the report
could not be written).
`;

const FORMATS: readonly GuardFormat[] = ['text', 'json', 'sarif'];
const LEVELS: readonly FailOn[] = ['high', 'medium', 'low', 'none'];
const VALUE_FLAGS = new Set(['--format', '--fail-on', '--output', '--cwd', '--disable']);

export function parseGuardArgs(argv: string[], cwd: string): ParsedGuardArgs {
  const values = new Map<string, string>();
  const disabled: string[] = [];
  const paths: string[] = [];
  let listRules = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--list-rules') {
      listRules = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value (see tandem guard --help).` };
      if (flag === '--disable') disabled.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
      else values.set(flag, value);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'error', message: `Unknown option ${flag}. See tandem guard --help for the options.` };
    paths.push(arg);
  }
  // `--output x.sarif` alone means SARIF: text in a .sarif file would only fail later, at the upload.
  const byExtension = /\.(sarif|json)$/i.exec(values.get('--output') ?? '')?.[1];
  const format = (values.get('--format') ?? byExtension ?? 'text').toLowerCase();
  if (!FORMATS.includes(format as GuardFormat)) return { kind: 'error', message: `--format must be one of ${FORMATS.join(', ')}; got "${format}".` };
  const failOn = (values.get('--fail-on') ?? 'high').toLowerCase();
  if (!LEVELS.includes(failOn as FailOn)) return { kind: 'error', message: `--fail-on must be one of ${LEVELS.join(', ')}; got "${failOn}".` };
  return {
    kind: 'guard',
    options: { format: format as GuardFormat, failOn: failOn as FailOn, output: values.get('--output'), cwd: values.get('--cwd') ?? cwd, disabled, listRules, paths },
  };
}
