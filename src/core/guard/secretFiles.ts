// Owns which files must never reach a model unasked: .env*, keys and certificates, SSH keys,
// credential files, and whatever the workspace's .tandemignore lists (gitignore syntax).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

const BUILT_IN = ['.env', '.env.*', '.envrc', '*.pem', '*.key', '*.p12', '*.pfx', 'id_*', '.npmrc', '.pypirc', '.netrc', '.git-credentials', '.tandemignore'];

export class SecretFiles {
  private readonly ig: Ignore;

  constructor(extraPatterns = '') {
    this.ig = ignore({ ignorecase: true }).add(BUILT_IN).add(extraPatterns);
  }

  /** Reads <root>/.tandemignore (missing is fine). */
  static forWorkspace(root: string | undefined): SecretFiles {
    let extra = '';
    if (root) {
      try {
        extra = readFileSync(path.join(root, '.tandemignore'), 'utf8');
      } catch {
        /* none */
      }
    }
    return new SecretFiles(extra);
  }

  /** True for a workspace-relative path (forward slashes) that must stay out of model context. */
  matches(rel: string): boolean {
    const clean = rel.replace(/\\/g, '/').replace(/^\.\//, '');
    return clean !== '' && !clean.startsWith('..') && this.ig.ignores(clean);
  }
}
