// Owns the environment a child process (an agent command, an MCP stdio server) starts with: built
// from an allowlist of harmless variables plus what the user or the server asks for by name, never
// the whole parent environment — so API keys, tokens and passwords stay with Tandem.
const ALLOWED = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TERM', 'TZ', 'TMPDIR', 'COLORTERM', 'NO_COLOR',
  'FORCE_COLOR', 'CI', 'HOSTNAME', 'EDITOR', 'VISUAL', 'PAGER',
  // Toolchains find their installs through these; they hold paths, not secrets.
  'JAVA_HOME', 'GOPATH', 'GOROOT', 'GOBIN', 'CARGO_HOME', 'RUSTUP_HOME', 'PYENV_ROOT', 'VIRTUAL_ENV', 'CONDA_PREFIX',
  'NVM_DIR', 'NVM_BIN', 'PNPM_HOME', 'VOLTA_HOME', 'BUN_INSTALL', 'DENO_DIR', 'GEM_HOME', 'GEM_PATH',
  'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME',
  // Certificate bundles (paths) so TLS works behind a company CA. Proxies are left out: their URLs
  // often carry a password; pass them with tandem.agent.env / --env when needed.
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE',
  // Windows needs these to start programs at all.
  'SYSTEMROOT', 'SYSTEMDRIVE', 'WINDIR', 'COMSPEC', 'PATHEXT', 'TEMP', 'TMP', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA',
  'PROGRAMFILES', 'PROGRAMFILES(X86)', 'PROGRAMDATA', 'NUMBER_OF_PROCESSORS', 'PROCESSOR_ARCHITECTURE', 'OS',
]);

/** Names the allowlist passes through (LC_* included), matched without regard to case as Windows does. */
export function isAllowedName(name: string): boolean {
  const upper = name.toUpperCase();
  return ALLOWED.has(upper) || /^LC_[A-Z]+$/.test(upper);
}

export interface EnvRequest {
  /**
   * tandem.agent.env: "NAME" passes NAME through from the parent environment, "NAME=value" sets it.
   * The user's explicit choice wins over the allowlist (output redaction still masks secret values).
   */
  extra?: string[];
  /** Values set as given (an MCP server's own `env`). */
  set?: Record<string, string>;
}

/** Entries of tandem.agent.env / --env that are neither NAME nor NAME=value, with what is wrong. */
export function envEntryProblems(extra: string[]): string[] {
  return extra
    .filter((e) => !/^[A-Za-z_][A-Za-z0-9_.()-]*(=.*)?$/s.test(e))
    .map((e) => `"${e}" is not a variable name or NAME=value; write e.g. "JAVA_HOME" or "NODE_ENV=test".`);
}

/** The environment for a child process: the allowlist, then the user's names, then fixed values. */
export function childEnv(parent: NodeJS.ProcessEnv, req: EnvRequest = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(parent)) if (v !== undefined && isAllowedName(k)) out[k] = v;
  for (const entry of req.extra ?? []) {
    const eq = entry.indexOf('=');
    if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
    else if (eq < 0 && parent[entry] !== undefined) out[entry] = parent[entry];
  }
  for (const [k, v] of Object.entries(req.set ?? {})) out[k] = v;
  return out;
}
