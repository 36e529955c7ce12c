// `tandem audit verify|export [--format md|csv] [--file PATH] [--cwd DIR]`: checks the hash chain of
// a workspace's AI change log, or writes it out as Markdown or CSV (to stdout).
import * as path from 'node:path';
import { AuditLedger, ledgerToCsv, ledgerToMarkdown } from '../core/audit/ledger';
import type { Writable } from './render';

export const AUDIT_HELP = `Usage: tandem audit verify|export [--format md|csv] [--file PATH] [--cwd DIR]

verify   checks the AI change log's hash chain; exit 0 when intact, 1 at the first broken entry
export   prints the log as Markdown (default) or CSV
--file   the log (default: .tandem/ai-changes.jsonl in the workspace)
`;

export async function runAudit(argv: string[], io: { stdout: Writable; stderr: Writable; cwd: string }): Promise<number> {
  const [action, ...rest] = argv;
  const opts: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].split('=', 2);
    if (!['--format', '--file', '--cwd'].includes(flag)) {
      io.stderr.write(`error: unknown option ${rest[i]}\n${AUDIT_HELP}`);
      return 2;
    }
    const value = inline ?? rest[++i];
    if (!value) {
      io.stderr.write(`error: ${flag} needs a value\n`);
      return 2;
    }
    opts[flag] = value;
  }
  const cwd = path.resolve(io.cwd, opts['--cwd'] ?? '.');
  const ledger = new AuditLedger(path.resolve(cwd, opts['--file'] ?? '.tandem/ai-changes.jsonl'));
  if (action === 'verify') {
    const v = await ledger.verify();
    if (v.ok) {
      io.stdout.write(`${ledger.file}: ${v.entries} entries, hash chain intact.\n`);
      return 0;
    }
    io.stdout.write(`${ledger.file}: broken at line ${v.line} (after ${v.entries} good entries): ${v.reason}.\n`);
    return 1;
  }
  if (action === 'export') {
    const format = opts['--format'] ?? 'md';
    if (format !== 'md' && format !== 'csv') {
      io.stderr.write('error: --format must be md or csv\n');
      return 2;
    }
    const entries = await ledger.entries();
    io.stdout.write(format === 'csv' ? ledgerToCsv(entries) : ledgerToMarkdown(entries));
    return 0;
  }
  io.stderr.write(`error: ${action ? `unknown audit action "${action}"` : 'no audit action given'}\n${AUDIT_HELP}`);
  return 2;
}
