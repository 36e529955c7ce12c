// Which ripgrep the search tool runs: a binary the host prefers (the editor registers the one VS Code
// ships under its appRoot), else `rg` on PATH, else none — the search tool then walks the tree in
// JavaScript, and the host is told once (the CLI prints a note suggesting to install ripgrep).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const RIPGREP_MISSING_NOTE = 'ripgrep (rg) was not found: search walks the files in JavaScript, which is slower on large trees. Install ripgrep (apt-get install ripgrep, brew install ripgrep) to speed it up.';

/** Where VS Code (desktop, code-server, VSCodium) keeps its ripgrep below `vscode.env.appRoot`. */
export function ripgrepUnderAppRoot(appRoot: string, platform: NodeJS.Platform = process.platform): string[] {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  return ['node_modules', 'node_modules.asar.unpacked'].map((dir) => path.join(appRoot, dir, '@vscode', 'ripgrep', 'bin', exe));
}

function answersVersion(binary: string, env: NodeJS.ProcessEnv): boolean {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', env, timeout: 10_000 });
  return r.status === 0 && /^ripgrep \d/.test(r.stdout);
}

/** The first candidate binary that runs, else `rg` when PATH (of `env`) has a working one, else null. */
export function detectRipgrep(candidates: readonly string[], env: NodeJS.ProcessEnv = process.env): string | null {
  for (const c of candidates) if (existsSync(c) && answersVersion(c, env)) return c;
  return answersVersion('rg', env) ? 'rg' : null;
}

let preferred: string[] = [];
let detected: string | null | undefined;

/** Binaries to try before `rg` on PATH, e.g. the editor's own (see ripgrepUnderAppRoot). */
export function preferRipgrep(binaries: readonly string[]): void {
  preferred = [...binaries, ...preferred.filter((b) => !binaries.includes(b))];
  detected = undefined;
}

/** The ripgrep the search tool uses (detected once), or null. */
export function findRipgrep(): string | null {
  if (detected === undefined) detected = detectRipgrep(preferred);
  return detected;
}

let onMissing: ((note: string) => void) | undefined;
let noted = false;

/** Called once, the first time a search runs without ripgrep. */
export function onRipgrepMissing(listener: (note: string) => void): void {
  onMissing = listener;
  noted = false;
}

export function noteRipgrepMissing(): void {
  if (noted || !onMissing) return;
  noted = true;
  onMissing(RIPGREP_MISSING_NOTE);
}
