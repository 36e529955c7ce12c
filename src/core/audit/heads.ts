// Owns the head records that anchor each AI change log outside its workspace: the entry count and
// the last entry's hash, MACed with the signing key, one JSON file per log under the user's config
// dir (tandem/audit-heads/<hash of the log's real path>.json). Both front ends use this one place,
// because the CLI cannot find the editor's global storage. Written by the ledger under its lock.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite';
import { readIfExists } from '../util/files';
import { realpathAllowMissing } from '../util/containment';
import { hmac, hmacMatches, KeyFile, tandemConfigDir, type AuditKey, type AuditKeyring } from './signing';

export interface AuditHead {
  /** The log's canonical path, so a record copied to another log's name does not fit it. */
  ledger: string;
  count: number;
  lastHash: string;
  keyId: string;
  mac: string;
}

export interface HeadStore {
  /** The record for a log, or undefined when none was ever written (a malformed one throws). */
  read(ledger: string): Promise<AuditHead | undefined>;
  write(ledger: string, head: AuditHead): Promise<void>;
}

/** What signs and anchors a log: the user's keys and where head records live. */
export interface AuditAnchor {
  keys: AuditKeyring;
  heads: HeadStore;
}

const headText = (h: Omit<AuditHead, 'mac'>) => JSON.stringify(['tandem-audit-head-v1', h.ledger, h.count, h.lastHash, h.keyId]);

export function signHead(ledger: string, count: number, lastHash: string, key: AuditKey): AuditHead {
  const body = { ledger, count, lastHash, keyId: key.id };
  return { ...body, mac: hmac(key, headText(body)) };
}

export function headMacMatches(head: AuditHead, key: AuditKey): boolean {
  return hmacMatches(key, headText(head), head.mac);
}

/**
 * The log's path as one string whatever route reached it: the real path of its nearest existing
 * ancestor plus the rest, so it is the same before the file exists and after it was deleted.
 */
export async function canonicalLedgerPath(file: string): Promise<string> {
  const abs = path.resolve(file);
  return realpathAllowMissing(abs).catch(() => abs);
}

export class HeadDir implements HeadStore {
  constructor(readonly dir: string) {}

  fileFor(ledger: string): string {
    return path.join(this.dir, `${createHash('sha256').update(ledger).digest('hex').slice(0, 32)}.json`);
  }

  async read(ledger: string): Promise<AuditHead | undefined> {
    const file = this.fileFor(ledger);
    const text = await readIfExists(file);
    if (text === undefined) return undefined;
    let h: Partial<AuditHead>;
    try {
      h = JSON.parse(text) as Partial<AuditHead>;
    } catch {
      h = {};
    }
    if (typeof h.ledger !== 'string' || typeof h.count !== 'number' || typeof h.lastHash !== 'string' || typeof h.keyId !== 'string' || typeof h.mac !== 'string') {
      throw new Error(`The head record ${file} of the AI change log ${ledger} is damaged, so removed entries cannot be detected. Check the log with "tandem audit verify"; delete the record only if you trust the log as it is.`);
    }
    return h as AuditHead;
  }

  /** Replaces the record atomically (temp file + rename), so a crash never leaves half a record. */
  async write(ledger: string, head: AuditHead): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.fileFor(ledger), JSON.stringify(head, null, 2) + '\n', { mode: 0o600 });
  }
}

/** The anchor both front ends use by default: the user's key file and head records. */
export function userAnchor(env: NodeJS.ProcessEnv): AuditAnchor & { keys: KeyFile; heads: HeadDir } {
  const dir = tandemConfigDir(env);
  return { keys: new KeyFile(path.join(dir, 'audit-key')), heads: new HeadDir(path.join(dir, 'audit-heads')) };
}
