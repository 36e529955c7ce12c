// Owns finding the project's test command: the setting tandem.agent.testCommand wins; otherwise it
// is detected from package.json scripts.test, pyproject.toml (pytest), a Makefile `test:` target,
// Cargo.toml or go.mod — in that order, the first that applies.
import * as path from 'node:path';
import { readIfExists } from '../util/files';

async function read(root: string, name: string): Promise<string | undefined> {
  // Workspace files: a pipe or a huge file named package.json must not hang the agent's start.
  return readIfExists(path.join(root, name), 1024 * 1024).catch(() => undefined);
}

async function exists(root: string, name: string): Promise<boolean> {
  return (await read(root, name)) !== undefined;
}

/** npm's placeholder script, which only fails. */
const NPM_PLACEHOLDER = /no test specified/;

async function fromPackageJson(root: string): Promise<string | undefined> {
  const text = await read(root, 'package.json');
  if (!text) return undefined;
  try {
    const test = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts?.test;
    if (typeof test !== 'string' || !test.trim() || NPM_PLACEHOLDER.test(test)) return undefined;
  } catch {
    return undefined;
  }
  if (await exists(root, 'pnpm-lock.yaml')) return 'pnpm test';
  if (await exists(root, 'yarn.lock')) return 'yarn test';
  if ((await exists(root, 'bun.lockb')) || (await exists(root, 'bun.lock'))) return 'bun run test';
  return 'npm test';
}

async function fromPyproject(root: string): Promise<string | undefined> {
  const text = await read(root, 'pyproject.toml');
  if (text === undefined) return undefined;
  if (/\[tool\.pytest|pytest/.test(text) || (await exists(root, 'pytest.ini')) || (await exists(root, 'conftest.py'))) return 'pytest';
  return 'python -m pytest';
}

async function fromMakefile(root: string): Promise<string | undefined> {
  const text = (await read(root, 'Makefile')) ?? (await read(root, 'makefile'));
  return text && /^test\s*:/m.test(text) ? 'make test' : undefined;
}

export async function detectTestCommand(root: string): Promise<string | undefined> {
  return (
    (await fromPackageJson(root)) ??
    (await fromPyproject(root)) ??
    (await fromMakefile(root)) ??
    ((await exists(root, 'Cargo.toml')) ? 'cargo test' : undefined) ??
    ((await exists(root, 'go.mod')) ? 'go test ./...' : undefined)
  );
}

/** The setting when set (non-blank), else the detected command, else undefined. */
export async function resolveTestCommand(root: string, setting?: string): Promise<string | undefined> {
  if (setting && setting.trim()) return setting.trim();
  return detectTestCommand(root);
}
