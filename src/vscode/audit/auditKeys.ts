// Owns the editor's side of the AI change log's keys. The editor signs with the same 0600 key file
// as `tandem exec` (~/.config/tandem/audit-key), because the CLI cannot read VS Code's SecretStorage
// and each front end must verify what the other wrote. SecretStorage keeps a copy of every key the
// editor has signed with: a deleted key file is restored from it, and entries signed by an earlier
// key file stay verifiable in the editor.
import type * as vscode from 'vscode';
import { userAnchor, type AuditAnchor } from '../../core/audit/heads';
import { auditKey, type AuditKey, type AuditKeyring, type KeyFile } from '../../core/audit/signing';

const SECRET = 'tandem.auditKeys';

export class EditorAuditKeys implements AuditKeyring {
  constructor(
    private readonly file: KeyFile,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  private async copies(): Promise<Record<string, string>> {
    try {
      return JSON.parse((await this.secrets.get(SECRET)) ?? '{}') as Record<string, string>;
    } catch {
      return {};
    }
  }

  /** Adds the key to the copies (last = newest) unless it is already there. */
  private async keep(key: AuditKey): Promise<void> {
    const copies = await this.copies();
    if (copies[key.id] === key.secret.toString('hex')) return;
    delete copies[key.id];
    await this.secrets.store(SECRET, JSON.stringify({ ...copies, [key.id]: key.secret.toString('hex') }));
  }

  async signingKey(): Promise<AuditKey> {
    if (!(await this.file.existing())) {
      // Restore the newest copy so the CLI and the editor keep signing with one key.
      const latest = Object.values(await this.copies()).pop();
      if (latest) await this.file.restore(auditKey(Buffer.from(latest, 'hex')));
    }
    const key = await this.file.signingKey();
    await this.keep(key);
    return key;
  }

  async key(id: string): Promise<AuditKey | undefined> {
    const fromFile = await this.file.key(id);
    if (fromFile) {
      // A key the CLI created is copied as soon as the editor sees it in use.
      await this.keep(fromFile);
      return fromFile;
    }
    const hex = (await this.copies())[id];
    const k = hex ? auditKey(Buffer.from(hex, 'hex')) : undefined;
    return k && k.id === id ? k : undefined;
  }
}

/** The editor's anchor: the shared key file (with SecretStorage copies) and the shared head records. */
export function editorAnchor(secrets: vscode.SecretStorage, env: NodeJS.ProcessEnv = process.env): AuditAnchor {
  const user = userAnchor(env);
  return { keys: new EditorAuditKeys(user.keys, secrets), heads: user.heads };
}
