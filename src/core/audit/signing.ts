// Owns the keys that sign the AI change log: a per-user HMAC-SHA256 key kept outside the workspace
// in a 0600 file under the user's config dir ($XDG_CONFIG_HOME/tandem/audit-key or
// ~/.config/tandem/audit-key), created on first use and refused when other users could read it.
// Both front ends sign with this one file so each can verify what the other wrote; the editor
// keeps copies in its SecretStorage (src/vscode/audit/auditKeys.ts). A key is named by its fingerprint.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface AuditKey {
  /** Fingerprint: the first 16 hex digits of the key's SHA-256; written into every entry it signs. */
  id: string;
  secret: Buffer;
}

/** Where a verifier finds keys: the one that signs new entries, and any of this user's by id. */
export interface AuditKeyring {
  signingKey(): Promise<AuditKey>;
  /** This user's key with that fingerprint, or undefined when it is not one of theirs. */
  key(id: string): Promise<AuditKey | undefined>;
}

export function auditKey(secret: Buffer): AuditKey {
  return { id: createHash('sha256').update(secret).digest('hex').slice(0, 16), secret };
}

export function hmac(key: AuditKey, data: string): string {
  return createHmac('sha256', key.secret).update(data).digest('hex');
}

export function hmacMatches(key: AuditKey, data: string, mac: unknown): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(hmac(key, data), 'hex'), Buffer.from(mac, 'hex'));
}

/** Tandem's per-user config dir: $XDG_CONFIG_HOME/tandem, else ~/.config/tandem. */
export function tandemConfigDir(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'), 'tandem');
}

/** Parses a key file's text: 64 hex digits (32 random bytes), surrounding white space ignored. */
export function parseKey(file: string, text: string): AuditKey {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new Error(`The audit key file ${file} does not hold a Tandem key (64 hex digits). Move it aside; Tandem then creates a new key, and entries signed by the old one show as unverifiable.`);
  }
  return auditKey(Buffer.from(hex, 'hex'));
}

/**
 * The key file of one user, created (0600, race-free) when missing. Read from disk on every use, not
 * cached: a long-running editor must notice a deleted or replaced file as the CLI would.
 */
export class KeyFile implements AuditKeyring {
  constructor(
    readonly file: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  signingKey(): Promise<AuditKey> {
    return this.load();
  }

  async key(id: string): Promise<AuditKey | undefined> {
    const k = await this.existing();
    return k && k.id === id ? k : undefined;
  }

  /** The key if the file exists (never creates one: verifying must not invent a key). */
  async existing(): Promise<AuditKey | undefined> {
    try {
      return await this.read();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Writes a given key as this file when there is none yet (the editor restoring its copy). */
  async restore(key: AuditKey): Promise<boolean> {
    return this.create(key.secret);
  }

  private async load(): Promise<AuditKey> {
    try {
      return await this.read();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await this.create(randomBytes(32));
    // Whoever won a race to create it, everyone signs with what is on disk now.
    return this.read();
  }

  private async read(): Promise<AuditKey> {
    const stat = await fs.stat(this.file);
    // Permission bits mean nothing on Windows; the file lives in the user's profile there.
    if (this.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new Error(`The audit key file ${this.file} can be read or changed by other users (mode ${mode}), so it cannot vouch for the AI change log. Run "chmod 600 ${this.file}" and try again.`);
    }
    return parseKey(this.file, await fs.readFile(this.file, 'utf8'));
  }

  /** Creates the file atomically with 0600: written to a temp name, then linked (fails if it exists). */
  private async create(secret: Buffer): Promise<boolean> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    try {
      await fs.link(tmp, this.file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }
}
