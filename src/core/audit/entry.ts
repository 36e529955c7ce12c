// Owns the shape of one AI change log entry and how it is hashed: the SHA-256 chain hash covers every
// field but the hash and the MAC (so an entry written before signing hashes as it always did), and
// the MAC is an HMAC of that hash with the user's key named by keyId.
import { createHash } from 'node:crypto';

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
  /** Fingerprint of the key that signed the entry; absent on entries that predate signing. */
  keyId?: string;
  hash: string;
  /** HMAC-SHA256 of `hash` with the key `keyId`. */
  mac?: string;
}

export const GENESIS = '0'.repeat(64);
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The chain hash of an entry: of all its fields except `hash` and `mac`, in their written order. */
export function entryHash(e: Partial<LedgerEntry>): string {
  const { hash: _hash, mac: _mac, ...body } = e;
  return sha256(JSON.stringify(body));
}

/** "entry 3" or "entries 3–5". */
export function entryRange(from: number, to: number): string {
  return from === to ? `entry ${from}` : `entries ${from}–${to}`;
}
