// Owns checking an AI change log against its chain, its signatures and its head record, and saying
// in one sentence, with the entry number, what is wrong: an edited entry, a recomputed chain (wrong
// MAC), a removed signature, an entry signed by a key that is not the user's, a cut-off last line,
// and — through the head record kept outside the workspace — removed last entries, an emptied or
// deleted file, and a rewritten log. It fails closed: an entry without a MAC (a log from before
// signing, or a "history" shipped with a repository) and a log without a head record do not pass.
import { entryHash, entryRange, GENESIS, sha256, type LedgerEntry } from './entry';
import { headMacMatches, type AuditAnchor, type AuditHead } from './heads';
import { hmacMatches, type AuditKey } from './signing';

export type Verification =
  | { ok: true; entries: number; notes: string[] }
  | {
      ok: false;
      /** Entries that checked out before the problem. */
      entries: number;
      /** The entry number the problem is at (1-based; also the line number in the file). */
      line: number;
      /** One sentence: what is wrong, where, and what it means. */
      reason: string;
      /** True when nothing is proven broken but an entry cannot be checked with this user's keys. */
      unverifiable?: boolean;
      notes: string[];
    };

type Walk = { entries: LedgerEntry[]; unknown?: { line: number; keyId: string } } | { fail: { line: number; reason: string } };

/** Checks every line in order; stops at the first one that is broken. */
async function walk(text: string, anchor: AuditAnchor): Promise<Walk> {
  const lines = text.split('\n');
  const complete = text.endsWith('\n') || text === '';
  const entries: LedgerEntry[] = [];
  let prev = GENESIS;
  let unknown: { line: number; keyId: string } | undefined;
  // One look-up per key, not per entry: a log has thousands of entries and one or two keys.
  const keys = new Map<string, Promise<AuditKey | undefined>>();
  const keyFor = (id: string) => {
    if (!keys.has(id)) keys.set(id, anchor.keys.key(id));
    return keys.get(id)!;
  };
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const raw = lines[i];
    if (raw === '' && i === lines.length - 1) break;
    const fail = (reason: string) => ({ fail: { line: n, reason } });
    if (i === lines.length - 1 && !complete) return fail(`Entry ${n} is cut off: the last line is incomplete (the file was truncated or a write was interrupted).`);
    let e: LedgerEntry;
    try {
      e = JSON.parse(raw) as LedgerEntry;
    } catch {
      return fail(`Entry ${n} is not valid JSON: the line was damaged or edited by hand.`);
    }
    if (e === null || typeof e !== 'object') return fail(`Entry ${n} is not a log entry: the line was edited by hand.`);
    if (e.prev !== prev) return fail(n === 1 ? 'Entry 1 does not start the log: the entries before it were removed, or the lines were reordered.' : `Entry ${n} does not follow entry ${n - 1}: an entry was removed, reordered or changed before it.`);
    if (entryHash(e) !== e.hash) return fail(`Entry ${n} was edited: its content does not match its hash.`);
    if (typeof e.diff !== 'string' || sha256(e.diff) !== e.diffHash) return fail(`Entry ${n} was edited: its diff does not match its diff hash.`);
    if (e.keyId === undefined && e.mac === undefined) {
      if (n > 1) return fail(`Entry ${n} is not signed although the entries before it are: its signature was removed.`);
      return fail('Entry 1 is not signed: anyone could have written it (a log from before Tandem signed entries, or a history shipped with a repository). Move the log aside; Tandem starts a new, signed one.');
    } else if (typeof e.keyId !== 'string' || typeof e.mac !== 'string') {
      return fail(`Entry ${n} has only half a signature (a key id without a MAC, or the reverse): it was altered.`);
    } else {
      const key = await keyFor(e.keyId);
      if (key && !hmacMatches(key, e.hash, e.mac)) return fail(`Entry ${n} has a wrong signature: it was rewritten, with the chain recomputed, by someone without your audit key.`);
      if (!key) unknown ??= { line: n, keyId: e.keyId };
    }
    entries.push(e);
    prev = e.hash;
  }
  return { entries, unknown };
}

/** What the head record kept outside the workspace says about the end of the log, or undefined when it agrees. */
async function checkHead(head: AuditHead, canonical: string, exists: boolean, entries: LedgerEntry[], anchor: AuditAnchor): Promise<{ line: number; reason: string; unverifiable?: boolean } | undefined> {
  const count = entries.length;
  const key = await anchor.keys.key(head.keyId);
  if (!key) return { line: Math.max(count, 1), reason: `The head record of this log is signed by key ${head.keyId}, which is not one of your keys, so removed entries cannot be ruled out.`, unverifiable: true };
  if (!headMacMatches(head, key) || head.ledger !== canonical) return { line: Math.max(count, 1), reason: 'The head record of this log has a wrong signature: it was changed or copied outside Tandem, so removed entries cannot be ruled out.' };
  const m = head.count;
  if (m === 0) return undefined;
  if (!exists) return { line: 1, reason: `The log file is missing, but its head record says it had ${m} entries: it was deleted (${entryRange(1, m)} ${m === 1 ? 'is' : 'are'} gone).` };
  if (count === 0) return { line: 1, reason: `The log is empty, but its head record says it had ${m} entries: it was emptied (${entryRange(1, m)} ${m === 1 ? 'is' : 'are'} gone).` };
  if (count < m) return { line: count + 1, reason: `The log ends after entry ${count}, but its head record says it had ${m}: ${entryRange(count + 1, m)} ${count + 1 === m ? 'was' : 'were'} removed (the file was truncated or replaced by an older copy).` };
  if (entries[m - 1].hash !== head.lastHash) return { line: m, reason: `Entry ${m} is not the entry the head record names: the log was rewritten.` };
  return undefined;
}

/** Verifies a log's text (undefined: the file does not exist) against the user's keys and its head. */
export async function verifyLedgerText(text: string | undefined, canonical: string, anchor: AuditAnchor): Promise<Verification> {
  const notes: string[] = [];
  const w = await walk(text ?? '', anchor);
  if ('fail' in w) return { ok: false, entries: w.fail.line - 1, ...w.fail, notes };
  const { entries } = w;
  const count = entries.length;
  const head = await anchor.heads.read(canonical);
  if (head) {
    const problem = await checkHead(head, canonical, text !== undefined, entries, anchor);
    const u = w.unknown;
    if (problem && u && u.line <= problem.line && !problem.unverifiable) {
      // Foreign entries where the head record expects the user's own: not another user's work but a rewrite.
      return { ok: false, entries: u.line - 1, line: u.line, reason: `Entry ${u.line} is signed by key ${u.keyId}, which is not one of your keys, where your head record expects your own entries: the log was rewritten from entry ${u.line} on.`, notes };
    }
    if (problem) return { ok: false, entries: Math.min(count, problem.line - 1), ...problem, notes };
    // A writer that crashed between the line and the record, or another user appending: each such
    // entry's own signature was checked above, so this is worth a note, not a failure.
    if (count > head.count) notes.push(`${entryRange(head.count + 1, count).replace(/^e/, 'E')} ${count > head.count + 1 ? 'are' : 'is'} not yet covered by the head record (a write was interrupted, or another user added ${count > head.count + 1 ? 'them' : 'it'}).`);
  }
  if (w.unknown) {
    return {
      ok: false,
      unverifiable: true,
      entries: w.unknown.line - 1,
      line: w.unknown.line,
      reason: `Entry ${w.unknown.line} is signed by key ${w.unknown.keyId}, which is not one of your keys: it is unverifiable here (written by another user or on another machine), or it was forged.`,
      notes,
    };
  }
  if (!head && count > 0) {
    return {
      ok: false,
      entries: count,
      line: count + 1,
      reason: `There is no head record for this log at this path (it was deleted, or the log was moved or copied here), so entries removed after entry ${count} cannot be ruled out. Once you have checked the log, "tandem audit anchor" (or Tandem: Accept AI Change Log As It Is) accepts it as it is.`,
      notes,
    };
  }
  return { ok: true, entries: count, notes };
}
