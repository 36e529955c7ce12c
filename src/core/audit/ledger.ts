// Owns the AI change log of a workspace: append-only JSON Lines where each entry carries the hash of
// the previous one and an HMAC with the user's key, anchored by a head record outside the workspace
// (entry count + last hash) that is written under the same lock as the line. Appends from several
// processes are serialised by the lock; an append refuses to build on a log whose history no longer
// matches its head, so a truncation cannot be papered over by the next change.
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readIfExists } from '../util/files';
import { canonicalPath, containedPath } from '../util/containment';
import { entryHash, GENESIS, sha256, type LedgerEntry, type LedgerRecord } from './entry';
import { canonicalLedgerPath, signHead, userAnchor, type AuditAnchor } from './heads';
import { withLock } from './lock';
import { hmac, type AuditKey } from './signing';
import { verifyLedgerText, type Verification } from './verify';

export type { LedgerEntry, LedgerFinding, LedgerRecord } from './entry';
export type { Verification } from './verify';

/** The complete lines of a log; a cut-off last line stops an append until the log is checked. */
function completeLines(file: string, text: string | undefined): string[] {
  if (!text) return [];
  if (!text.endsWith('\n')) throw new Error(`The audit ledger ${file} ends in an incomplete line; run "Verify AI Change Log" before adding to it.`);
  return text.trimEnd().split('\n').filter(Boolean);
}

/** Entry n (1-based) of the lines; only the few an append needs are parsed. */
function entryAt(file: string, lines: string[], n: number): LedgerEntry | undefined {
  if (n < 1) return undefined;
  try {
    return JSON.parse(lines[n - 1]) as LedgerEntry;
  } catch {
    throw new Error(`Entry ${n} of the audit ledger ${file} is not valid JSON; run "tandem audit verify" before adding to it.`);
  }
}

/**
 * A repository can ship `.tandem` or the log as a symbolic link to a file of the user's (~/.bashrc);
 * appending through it would write outside the workspace. With the workspace known, the log's real
 * path must stay inside it; without, the log itself must not be a link.
 */
async function refuseEscape(file: string, canonical: string, workspaceRoot: string | undefined): Promise<void> {
  const linked = (await fs.lstat(file).catch(() => undefined))?.isSymbolicLink();
  const root = workspaceRoot ? await canonicalPath(workspaceRoot) : undefined;
  const inside = root ? canonical !== root && (await containedPath(root, canonical)) !== undefined : !linked;
  if (!inside) {
    throw new Error(`The AI change log ${file} leads to ${canonical}${root ? ', outside the workspace,' : ''} through a symbolic link; Tandem does not write the log through links a repository could use to make it write elsewhere. Remove the link, or set tandem.audit.path to a plain file in the workspace.`);
  }
}

export class AuditLedger {
  private anchorInUse: AuditAnchor | undefined;

  /**
   * `anchor` defaults to the user's key file and head records under their config dir; with
   * `workspaceRoot`, appends refuse a log whose real path leaves that folder.
   */
  constructor(
    readonly file: string,
    anchor?: AuditAnchor,
    private readonly opts: { workspaceRoot?: string } = {},
  ) {
    this.anchorInUse = anchor;
  }

  private get anchor(): AuditAnchor {
    return (this.anchorInUse ??= userAnchor(process.env));
  }

  /**
   * Throws, with the sentence to show, when an append would fail now: the log leaves the workspace,
   * the key is refused, the log no longer matches its head record, its last entry is not one Tandem
   * wrote, or the file cannot be written. Edit tools call it before writing a change, so a change
   * the log cannot take is never applied.
   */
  async check(): Promise<void> {
    const { canonical } = await this.prepare();
    await withLock(canonical, async () => {
      await this.lastEntry(canonical);
      await fs.access(await readIfExists(this.file).then((t) => (t === undefined ? path.dirname(this.file) : this.file)), fsConstants.W_OK);
    });
  }

  /** Locks are taken on the canonical path: the panel and the CLI may reach one log by different paths. */
  async append(record: LedgerRecord, now: Date = new Date()): Promise<LedgerEntry> {
    const { canonical, key } = await this.prepare();
    return withLock(canonical, async () => {
      const { count, last } = await this.lastEntry(canonical);
      const body: Omit<LedgerEntry, 'hash' | 'mac'> = { seq: (last?.seq ?? 0) + 1, time: now.toISOString(), ...record, diffHash: sha256(record.diff), prev: last?.hash ?? GENESIS, keyId: key.id };
      const hash = entryHash(body);
      const entry: LedgerEntry = { ...body, hash, mac: hmac(key, hash) };
      await fs.appendFile(this.file, JSON.stringify(entry) + '\n');
      await this.anchor.heads.write(canonical, signHead(canonical, count + 1, hash, key));
      return entry;
    });
  }

  private async prepare(): Promise<{ canonical: string; key: AuditKey }> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const canonical = await canonicalLedgerPath(this.file);
    await refuseEscape(this.file, canonical, this.opts.workspaceRoot);
    return { canonical, key: await this.anchor.keys.signingKey() };
  }

  /** The entry an append builds on, checked against the head record; throws on a log it must not build on. Under the lock. */
  private async lastEntry(canonical: string): Promise<{ count: number; last: LedgerEntry | undefined }> {
    const lines = completeLines(this.file, await readIfExists(this.file));
    const head = await this.anchor.heads.read(canonical);
    const shorter = head && lines.length < head.count;
    if (head && (shorter || (head.count > 0 && entryAt(this.file, lines, head.count)?.hash !== head.lastHash))) {
      const what = shorter ? `it has ${lines.length} entries, the record says ${head.count}` : `entry ${head.count} is not the one the record names: the log was rewritten`;
      throw new Error(
        `The AI change log ${this.file} no longer matches its head record (${what}), so this change was not added to it. Run "tandem audit verify" or Tandem: Verify AI Change Log to see what happened; once you have checked the log, "tandem audit anchor" (or Tandem: Accept AI Change Log As It Is) accepts it as it is.`,
      );
    }
    const last = entryAt(this.file, lines, lines.length);
    if (last !== undefined && (last === null || typeof last !== 'object' || typeof last.hash !== 'string' || entryHash(last) !== last.hash)) {
      throw new Error(`The last line of the AI change log ${this.file} is not an entry Tandem wrote (the file was replaced or edited), so nothing can be added to it. Run "tandem audit verify" or Tandem: Verify AI Change Log, then move the file aside to start a new log.`);
    }
    return { count: lines.length, last };
  }

  async entries(): Promise<LedgerEntry[]> {
    const text = await fs.readFile(this.file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as LedgerEntry];
        } catch {
          return [];
        }
      });
  }

  /** Checks chain, signatures and head under the writers' lock, so a concurrent append is never half-seen. */
  async verify(): Promise<Verification> {
    const canonical = await canonicalLedgerPath(this.file);
    return withLock(canonical, async () => verifyLedgerText(await readIfExists(this.file), canonical, this.anchor), { optional: true });
  }

  /**
   * Accepts the log as it is now: points the head record at its current end. For after the user has
   * checked a log that verify reported (or moved a workspace); returns how many entries it covers.
   */
  async anchorHere(): Promise<number> {
    const canonical = await canonicalLedgerPath(this.file);
    const key = await this.anchor.keys.signingKey();
    return withLock(
      canonical,
      async () => {
        const lines = completeLines(this.file, await readIfExists(this.file));
        await this.anchor.heads.write(canonical, signHead(canonical, lines.length, entryAt(this.file, lines, lines.length)?.hash ?? GENESIS, key));
        return lines.length;
      },
      { optional: true },
    );
  }
}

function csvCell(v: unknown): string {
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function ledgerToCsv(entries: LedgerEntry[]): string {
  const head = ['seq', 'time', 'task', 'model', 'endpointHost', 'file', 'kind', 'approvedBy', 'findings', 'diffHash', 'hash'];
  const rows = entries.map((e) => [e.seq, e.time, e.task, e.model, e.endpointHost, e.file, e.kind, e.approvedBy, e.findings.map((f) => `${f.ruleId}@${f.line}`).join(' '), e.diffHash, e.hash].map(csvCell).join(','));
  return [head.join(','), ...rows].join('\n') + '\n';
}

export function ledgerToMarkdown(entries: LedgerEntry[]): string {
  const out = ['# AI change log', '', `${entries.length} applied change(s).`, ''];
  for (const e of entries) {
    out.push(`## ${e.seq}. ${e.file} — ${e.kind} (${e.time})`, '');
    out.push(`- Task: ${e.task ?? '—'}`, `- Model: ${e.model ?? '—'} at ${e.endpointHost ?? '—'}`, `- Approved by: ${e.approvedBy}`);
    out.push(`- Guard findings: ${e.findings.length ? e.findings.map((f) => `${f.ruleId} (${f.cwe}) line ${f.line}`).join(', ') : 'none'}`, `- Hash: \`${e.hash}\``, '');
    out.push('```diff', e.diff.trimEnd(), '```', '');
  }
  return out.join('\n');
}
