// Owns the audit ledger of applied AI changes: append-only JSON Lines where each entry carries the
// hash of the previous one, so an edit to history is detectable. Appends from several processes
// are serialised by a lock file; verification names the first broken entry and reports a truncated
// last line instead of dropping it.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface LedgerFinding {
  ruleId: string;
  cwe: string;
  severity: string;
  line: number;
}

export interface LedgerRecord {
  taskId?: string;
  task?: string;
  model?: string;
  /** Host of the model endpoint (never the key). */
  endpointHost?: string;
  file: string;
  kind: string;
  diff: string;
  approvedBy: 'user' | 'policy';
  findings: LedgerFinding[];
}

export interface LedgerEntry extends LedgerRecord {
  seq: number;
  time: string;
  diffHash: string;
  prev: string;
  hash: string;
}

export type Verification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; line: number; reason: string };

const GENESIS = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function entryHash(e: Omit<LedgerEntry, 'hash'>): string {
  return sha256(JSON.stringify(e));
}

async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const h = await fs.open(lock, 'wx');
      await h.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock left by a crashed writer is stale after 30 s.
      const age = Date.now() - (await fs.stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 30_000) await fs.rm(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`The audit ledger ${file} stayed locked; remove ${lock} if no Tandem is writing to it.`);
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

/** The last complete line's entry, or undefined for an empty ledger. */
async function lastEntry(file: string): Promise<LedgerEntry | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (text && !text.endsWith('\n')) throw new Error(`The audit ledger ${file} ends in an incomplete line; run "Verify AI Change Log" before adding to it.`);
  const lines = text.trimEnd().split('\n').filter(Boolean);
  return lines.length ? (JSON.parse(lines[lines.length - 1]) as LedgerEntry) : undefined;
}

export class AuditLedger {
  constructor(readonly file: string) {}

  async append(record: LedgerRecord, now: Date = new Date()): Promise<LedgerEntry> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    return withLock(this.file, async () => {
      const last = await lastEntry(this.file);
      const body: Omit<LedgerEntry, 'hash'> = { seq: (last?.seq ?? 0) + 1, time: now.toISOString(), ...record, diffHash: sha256(record.diff), prev: last?.hash ?? GENESIS };
      const entry: LedgerEntry = { ...body, hash: entryHash(body) };
      await fs.appendFile(this.file, JSON.stringify(entry) + '\n');
      return entry;
    });
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

  async verify(): Promise<Verification> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, entries: 0 };
      throw err;
    }
    const lines = text.split('\n');
    const complete = text.endsWith('\n') || text === '';
    let prev = GENESIS;
    let count = 0;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i];
      if (raw === '' && i === lines.length - 1) break;
      if (i === lines.length - 1 && !complete) return { ok: false, entries: count, line: i + 1, reason: 'the last line is incomplete (the file was truncated or a write was cut off)' };
      let e: LedgerEntry;
      try {
        e = JSON.parse(raw) as LedgerEntry;
      } catch {
        return { ok: false, entries: count, line: i + 1, reason: 'the line is not valid JSON' };
      }
      const { hash, ...body } = e;
      if (e.prev !== prev) return { ok: false, entries: count, line: i + 1, reason: 'it does not follow the entry before it (an entry was removed, reordered or changed)' };
      if (entryHash(body) !== hash) return { ok: false, entries: count, line: i + 1, reason: 'its content does not match its hash (the entry was edited)' };
      if (sha256(e.diff) !== e.diffHash) return { ok: false, entries: count, line: i + 1, reason: 'its diff does not match its diff hash' };
      prev = hash;
      count++;
    }
    return { ok: true, entries: count };
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
