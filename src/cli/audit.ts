// `tandem audit verify|export|anchor [--format md|csv] [--file PATH] [--cwd DIR]`: checks a workspace's
// AI change log (chain, signatures with the user's audit key, head record), writes it out as Markdown
// or CSV (to stdout), or accepts it as it is after the user has checked it.
import * as path from 'node:path';
import { userAnchor } from '../core/audit/heads';
import { AuditLedger, ledgerToCsv, ledgerToMarkdown } from '../core/audit/ledger';
import type { Writable } from './render';

export const AUDIT_HELP = `Usage: tandem audit verify|export|anchor [--format md|csv] [--file PATH] [--cwd DIR]

verify   checks the AI change log: hash chain, signatures (your key in ~/.config/tandem/audit-key)
         and the head record that catches removed entries; exit 0 when intact, 1 otherwise
export   prints the log as Markdown (default) or CSV
anchor   accepts the log as it is now (after you checked what verify reported)
--file   the log (default: .tandem/ai-changes.jsonl in the workspace)
`;

export async function runAudit(argv: string[], io: { stdout: Writable; stderr: Writable; cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
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
  const ledger = new AuditLedger(path.resolve(cwd, opts['--file'] ?? '.tandem/ai-changes.jsonl'), userAnchor(io.env));
  try {
    return await runAction(action, ledger, opts, io);
  } catch (err) {
    io.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}

async function runAction(action: string | undefined, ledger: AuditLedger, opts: Record<string, string>, io: { stdout: Writable; stderr: Writable }): Promise<number> {
  if (action === 'verify') {
    const v = await ledger.verify();
    for (const note of v.notes) io.stdout.write(`note: ${note}\n`);
    if (v.ok) {
      io.stdout.write(v.entries === 0 ? `${ledger.file}: no AI changes recorded yet.\n` : `${ledger.file}: ${v.entries} entries, hash chain intact, signatures and head record match.\n`);
      return 0;
    }
    io.stdout.write(`${ledger.file}: ${v.unverifiable ? 'cannot be verified' : 'broken'} at entry ${v.line} (after ${v.entries} good entries). ${v.reason}\n`);
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
  if (action === 'anchor') {
    const n = await ledger.anchorHere();
    io.stdout.write(`${ledger.file}: the head record now covers its ${n} entries as they are; entries removed before now can no longer be detected.\n`);
    return 0;
  }
  io.stderr.write(`error: ${action ? `unknown audit action "${action}"` : 'no audit action given'}\n${AUDIT_HELP}`);
  return 2;
}
