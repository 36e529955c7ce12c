// Tampering helpers shared by the ledger and CLI tests: each rewrites a log the way an attacker with
// write access to the workspace (but not to the user's config dir) could.
import { createHmac } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { entryHash, GENESIS, type LedgerEntry } from '../../../../src/core/audit/entry';
import { auditKey } from '../../../../src/core/audit/signing';

export const readEntries = (file: string) =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as LedgerEntry);

export const writeEntries = (file: string, entries: LedgerEntry[]) => writeFileSync(file, entries.map((e) => JSON.stringify(e) + '\n').join(''));

/** Recomputes prev and hash from entry `from` (1-based) on; `sign` re-signs with a key of the attacker's. */
export function rechain(entries: LedgerEntry[], from = 1, sign?: 'strip' | Buffer): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const [i, e] of entries.entries()) {
    if (i + 1 < from) {
      out.push(e);
      continue;
    }
    const { hash: _h, mac: _m, keyId: _k, ...rest } = e;
    const body: Partial<LedgerEntry> = { ...rest, prev: out[i - 1]?.hash ?? GENESIS };
    if (sign instanceof Buffer) body.keyId = auditKey(sign).id;
    else if (sign !== 'strip' && e.keyId) body.keyId = e.keyId;
    const hash = entryHash(body);
    const next = { ...body, hash } as LedgerEntry;
    if (sign instanceof Buffer) next.mac = createHmac('sha256', sign).update(hash).digest('hex');
    else if (sign !== 'strip' && e.mac) next.mac = e.mac;
    out.push(next);
  }
  return out;
}

export interface Tamper {
  name: string;
  apply(file: string): void;
  line: number;
  reason: RegExp;
  unverifiable?: boolean;
}

const ATTACKER_KEY = Buffer.alloc(32, 7);

/** Every way the brief names, and the variants around them, on a 4-entry signed log. */
export const TAMPERS: Tamper[] = [
  { name: 'an edited entry', apply: (f) => writeFileSync(f, readFileSync(f, 'utf8').replace('"file":"src/f3.ts"', '"file":"src/x.ts"')), line: 3, reason: /Entry 3 was edited: its content does not match its hash/ },
  { name: 'an edited entry with hidden Unicode', apply: (f) => writeFileSync(f, readFileSync(f, 'utf8').replace('"file":"src/f2.ts"', '"file":"src/f2\\u200b.ts"')), line: 2, reason: /Entry 2 was edited/ },
  { name: 'an edited diff with its diff hash left alone', apply: (f) => writeEntries(f, rechain(readEntries(f).map((e, i) => (i === 1 ? { ...e, diff: '+harmless\n' } : e)), 2)), line: 2, reason: /Entry 2 was edited: its diff does not match/ },
  { name: 'a chain recomputed after an edit (wrong MAC)', apply: (f) => writeEntries(f, rechain(readEntries(f).map((e, i) => (i === 1 ? { ...e, approvedBy: 'user' as const } : e)), 2)), line: 2, reason: /Entry 2 has a wrong signature: it was rewritten, with the chain recomputed/ },
  { name: 'a MAC with one digit changed', apply: (f) => writeEntries(f, readEntries(f).map((e, i) => (i === 3 ? { ...e, mac: (e.mac![0] === 'a' ? 'b' : 'a') + e.mac!.slice(1) } : e))), line: 4, reason: /Entry 4 has a wrong signature/ },
  { name: 'a MAC in upper case', apply: (f) => writeEntries(f, readEntries(f).map((e, i) => (i === 0 ? { ...e, mac: e.mac!.toUpperCase() } : e))), line: 1, reason: /Entry 1 has a wrong signature/ },
  { name: 'a MAC removed with the key id kept', apply: (f) => writeEntries(f, readEntries(f).map((e, i) => (i === 1 ? { ...e, mac: undefined } : e))), line: 2, reason: /Entry 2 has only half a signature/ },
  { name: 'a chain recomputed and re-signed with another key', apply: (f) => writeEntries(f, rechain(readEntries(f), 2, ATTACKER_KEY)), line: 2, reason: /Entry 2 is signed by key [0-9a-f]{16}, which is not one of your keys, where your head record expects your own entries: the log was rewritten from entry 2 on/ },
  { name: 'one signature stripped with the chain recomputed', apply: (f) => writeEntries(f, rechain(readEntries(f), 3, 'strip')), line: 3, reason: /Entry 3 is not signed although the entries before it are: its signature was removed/ },
  // Was reported at entry 4 through the head record; an unsigned entry now fails by itself (issue 22).
  { name: 'every signature stripped to pass as an old log', apply: (f) => writeEntries(f, rechain(readEntries(f), 1, 'strip')), line: 1, reason: /Entry 1 is not signed: anyone could have written it/ },
  { name: 'a MAC and key id removed from the first entry only', apply: (f) => writeEntries(f, readEntries(f).map((e, i) => (i === 0 ? { ...e, mac: undefined, keyId: undefined } : e))), line: 1, reason: /Entry 1 (is not signed|was edited)/ },
  { name: 'the last entry removed', apply: (f) => writeEntries(f, readEntries(f).slice(0, 3)), line: 4, reason: /The log ends after entry 3, but its head record says it had 4: entry 4 was removed/ },
  { name: 'the last two entries removed', apply: (f) => writeEntries(f, readEntries(f).slice(0, 2)), line: 3, reason: /ends after entry 2, .* entries 3–4 were removed/ },
  { name: 'a middle entry removed', apply: (f) => writeEntries(f, readEntries(f).filter((_e, i) => i !== 1)), line: 2, reason: /Entry 2 does not follow entry 1/ },
  { name: 'the first entry removed', apply: (f) => writeEntries(f, readEntries(f).slice(1)), line: 1, reason: /Entry 1 does not start the log/ },
  { name: 'the first two entries swapped', apply: (f) => writeEntries(f, ((es) => [es[1], es[0], es[2], es[3]])(readEntries(f))), line: 1, reason: /Entry 1 does not start the log: .*reordered/ },
  { name: 'two entries swapped', apply: (f) => writeEntries(f, ((es) => [es[0], es[2], es[1], es[3]])(readEntries(f))), line: 2, reason: /Entry 2 does not follow entry 1/ },
  { name: 'the file emptied', apply: (f) => writeFileSync(f, ''), line: 1, reason: /The log is empty, but its head record says it had 4 entries: it was emptied \(entries 1–4 are gone\)/ },
  { name: 'the file emptied to a blank line', apply: (f) => writeFileSync(f, '\n'), line: 1, reason: /not valid JSON|emptied/ },
  { name: 'the file deleted', apply: (f) => rmSync(f), line: 1, reason: /The log file is missing, but its head record says it had 4 entries: it was deleted/ },
  { name: 'a truncated last line', apply: (f) => writeFileSync(f, readFileSync(f, 'utf8').slice(0, -20)), line: 4, reason: /Entry 4 is cut off: the last line is incomplete/ },
  { name: 'a line that is not an entry', apply: (f) => writeFileSync(f, readFileSync(f, 'utf8').replace(/^[^\n]*\n/, 'null\n')), line: 1, reason: /Entry 1 is not a log entry/ },
];
