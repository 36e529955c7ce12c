// Owns the paths that always need a human decision, in every approval mode and whatever the letter
// case: version control, editor and workspace settings, secrets and keys, Tandem's own files.
const PROTECTED_DIRS = ['.git', '.vscode', '.tandem', '.idea', '.ssh', '.aws', '.codex'];

const PROTECTED_NAMES: Array<[RegExp, string]> = [
  [/\.code-workspace$/, 'a VS Code workspace file'],
  [/^\.env($|\.)/, 'an environment file (often holds secrets)'],
  [/^\.envrc$/, 'an environment file (often holds secrets)'],
  [/\.(pem|key|p12|pfx|jks|keystore|asc|gpg)$/, 'a key or certificate file'],
  [/^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/, 'an SSH key'],
  [/^\.(npmrc|pypirc|netrc|git-credentials|tandemignore)$/, 'a credentials or Tandem configuration file'],
  [/^\.gitmodules$/, 'git configuration'],
];

/** Why a workspace-relative path is protected, or undefined when it is not. */
export function protectedReason(rel: string): string | undefined {
  const parts = rel.toLowerCase().split('/').filter(Boolean);
  for (const dir of parts.slice(0, -1).concat(parts.length ? [parts[parts.length - 1]] : [])) {
    if (PROTECTED_DIRS.includes(dir)) return `${rel} is inside ${dir}/, which always needs your approval`;
  }
  const name = parts[parts.length - 1] ?? '';
  for (const [re, what] of PROTECTED_NAMES) if (re.test(name)) return `${rel} is ${what}, which always needs your approval`;
  return undefined;
}

/** Files whose contents are likely secret: reading them asks first. */
export function secretReason(rel: string): string | undefined {
  const name = (rel.toLowerCase().split('/').pop() ?? '');
  if (/^\.env($|\.)/.test(name) || /^\.envrc$/.test(name)) return `${rel} may hold secrets`;
  if (/\.(pem|key|p12|pfx|jks|keystore)$/.test(name) || /^id_(rsa|dsa|ecdsa|ed25519)$/.test(name)) return `${rel} is a key file`;
  if (/^\.(npmrc|pypirc|netrc|git-credentials)$/.test(name)) return `${rel} may hold credentials`;
  return undefined;
}

/**
 * Workspace-relative paths a sandboxed command may not write (mounted read-only when they exist):
 * what runs code later (git hooks and config, editor tasks, CI, husky), agent instructions and
 * settings, and credentials files. The rest of .git stays writable so `git add` / `git commit` work.
 */
export function protectedWorkspaceDirs(): string[] {
  return [
    '.git/hooks', '.git/config', '.git/config.worktree', '.vscode', '.tandem', '.github', '.husky', '.codex', 'AGENTS.md',
    '.idea', '.ssh', '.aws', '.gitmodules', '.tandemignore', '.envrc', '.npmrc', '.pypirc', '.netrc', '.git-credentials',
  ];
}
