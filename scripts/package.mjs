// npm run package: the production build (vsce runs `vscode:prepublish`), then dist/tandem.vsix.
// The Marketplace and Open VSX show the README from inside the .vsix, where the relative links to
// media/readme/*.png cannot resolve: vsce rewrites them to absolute URLs under the public repository.
// We have no public repository yet, so its address is a placeholder the maintainer sets once:
//   TANDEM_REPO_URL=https://github.com/OWNER/tandem npm run package
// (the images are then served from that repository's default branch).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PLACEHOLDER_REPO_URL = 'https://github.com/tandem-dev/tandem';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = (process.env.TANDEM_REPO_URL || PLACEHOLDER_REPO_URL).replace(/\/+$/, '');
if (!/^https:\/\/\S+$/.test(repo)) {
  console.error(`package: TANDEM_REPO_URL must be an https:// address, not ${JSON.stringify(repo)}`);
  process.exit(2);
}
if (!process.env.TANDEM_REPO_URL) console.warn(`package: README links point at ${repo} (a placeholder); set TANDEM_REPO_URL to the public repository`);

const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
const out = process.env.TANDEM_VSIX_OUT || join(root, 'dist', 'tandem.vsix');
mkdirSync(dirname(out), { recursive: true });
const args = [vsce, 'package', '--no-dependencies', '--baseContentUrl', `${repo}/blob/HEAD/`, '--baseImagesUrl', `${repo}/raw/HEAD/`, '-o', out];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
