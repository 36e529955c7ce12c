// Owns every rule about workspace paths in one list: which files are secret (reading them asks;
// completion never sends them), which are protected (writing them asks in every approval mode:
// version control, editor and Tandem settings, agent instructions, CI and git hooks), and which
// folders the sandbox mounts read-only. File tools, the command policy, completion and MCP all ask
// this module; a second copy of a list would drift.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isInside } from '../util/containment';

/** A rule on the lower-cased path segments; its examples (both ways) are in pathRules.test.ts. */
interface NameRule {
  test: (lowerParts: string[]) => boolean;
  what: string;
}

const last = (parts: string[]) => parts[parts.length - 1] ?? '';
const dirs = (parts: string[]) => parts.slice(0, -1);
const anyPart = (parts: string[], names: string[]) => parts.some((p) => names.includes(p));
const underDir = (parts: string[], dirPath: string[]) => parts.some((_, i) => dirPath.every((d, k) => parts[i + k] === d) && parts.length > i + dirPath.length);

/** Folders whose every file holds secrets (`~/.ssh` copied into a project, cloud credentials). */
const SECRET_DIRS = ['.ssh', '.aws', '.gnupg', '.docker'];

const SECRET_RULES: NameRule[] = [
  { test: (p) => /^\.env($|\.)/.test(last(p)) || last(p) === '.envrc', what: 'an environment file (often holds secrets)' },
  { test: (p) => /\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk)$/.test(last(p)), what: 'a key or certificate file' },
  { test: (p) => /^id_(rsa|dsa|ecdsa|ed25519)$/.test(last(p)), what: 'a private SSH key' },
  { test: (p) => /^\.(npmrc|pypirc|netrc|git-credentials|pgpass)$/.test(last(p)), what: 'a credentials file' },
  { test: (p) => anyPart(dirs(p), SECRET_DIRS), what: 'inside a credentials folder' },
];

/** Folders the agent never writes without asking; the sandbox mounts them read-only. */
const PROTECTED_DIRS = ['.git', '.vscode', '.tandem', '.idea', '.codex', '.claude', '.cursor', '.husky', '.circleci', '.devcontainer', ...SECRET_DIRS];
/** Files the agent obeys (instructions) or that run code on someone else's machine (CI, hooks). */
const PROTECTED_FILES = [
  '.gitlab-ci.yml', 'jenkinsfile', '.travis.yml', 'azure-pipelines.yml', 'bitbucket-pipelines.yml',
  '.pre-commit-config.yaml', '.gitmodules', '.gitattributes', '.tandemignore',
];

const AGENT_FILES = ['claude.md', 'gemini.md', '.cursorrules', '.clinerules', '.windsurfrules'];

const PROTECTED_RULES: NameRule[] = [
  { test: (p) => anyPart(dirs(p), PROTECTED_DIRS) || (p.length === 1 && PROTECTED_DIRS.includes(p[0])), what: 'inside a folder that always needs your approval (version control, editor, Tandem or CI settings)' },
  { test: (p) => last(p) === 'agents.md' || last(p) === 'agents.override.md', what: 'agent instructions, which Tandem obeys' },
  // Other assistants' instruction files: the same attack works on the next tool the user runs.
  { test: (p) => AGENT_FILES.includes(last(p)) || underDir(p, ['.github', 'instructions']) || (last(p) === 'copilot-instructions.md' && dirs(p).includes('.github')), what: 'instructions that a coding assistant obeys' },
  { test: (p) => underDir(p, ['.github', 'workflows']) || underDir(p, ['.github', 'actions']) || underDir(p, ['.gitlab']), what: 'a CI workflow, which runs with the repository\'s secrets' },
  { test: (p) => PROTECTED_FILES.includes(last(p)), what: 'a CI, git or Tandem configuration file' },
  { test: (p) => last(p).endsWith('.code-workspace'), what: 'a VS Code workspace file' },
  ...SECRET_RULES,
];

/**
 * Normalises a workspace-relative path for matching: Windows separators, `./`, `a/../` and
 * duplicate slashes collapsed. A path that climbs above its start keeps its leading `..`.
 */
export function normalizeRel(rel: string): string {
  const posix = rel.replace(/\\/g, '/');
  const norm = path.posix.normalize(posix === '' ? '.' : posix).replace(/\/+$/, '');
  return norm === '.' ? '' : norm.replace(/^\.\//, '');
}

function partsOf(rel: string): string[] {
  return normalizeRel(rel).toLowerCase().split('/').filter((p) => p && p !== '.');
}

function firstMatch(rules: NameRule[], rel: string): string | undefined {
  const parts = partsOf(rel);
  if (parts.length === 0) return undefined;
  return rules.find((r) => r.test(parts))?.what;
}

/** Why writing this workspace-relative path needs approval in every mode, or undefined. */
export function protectedReason(rel: string): string | undefined {
  const what = firstMatch(PROTECTED_RULES, rel);
  return what && `${normalizeRel(rel)} is ${what}, so changing it always needs your approval`;
}

/** Why reading this path may reveal a secret (built-in rules only; see PathRules for .tandemignore). */
export function secretReason(rel: string): string | undefined {
  const what = firstMatch(SECRET_RULES, rel);
  return what && `${normalizeRel(rel)} is ${what}`;
}

/** `scripts` of a package.json text; `invalid` when the text is not a JSON object. */
function scriptsOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (!json || typeof json !== 'object' || Array.isArray(json)) return 'invalid';
    return (json as { scripts?: unknown }).scripts;
  } catch {
    return 'invalid';
  }
}

/**
 * Why a change to package.json needs approval in every mode: its `scripts` run on `npm test` and
 * `npm install`, so a changed script is a command the user did not approve. An unparsable new
 * file asks too, because its scripts cannot be compared.
 */
export function packageScriptsReason(rel: string, oldText: string | undefined, newText: string | undefined): string | undefined {
  if (last(partsOf(rel)) !== 'package.json') return undefined;
  const after = scriptsOf(newText);
  if (after === 'invalid') return `${normalizeRel(rel)} would not be valid JSON, so its scripts cannot be checked; changing it needs your approval`;
  if (JSON.stringify(scriptsOf(oldText)) === JSON.stringify(after)) return undefined;
  return `the change touches the "scripts" of ${normalizeRel(rel)}, which run as commands, so it needs your approval`;
}

/** A file an edit touches, with its text before and after (undefined: the file does not exist). */
export interface EditTarget {
  path: string;
  oldText?: string;
  newText?: string;
}

/** Why this edit needs approval in every mode, or undefined. */
export function protectedEditReason(target: EditTarget): string | undefined {
  return protectedReason(target.path) ?? packageScriptsReason(target.path, target.oldText, target.newText);
}

/**
 * Workspace-relative folders and files the sandbox mounts read-only (when they exist), so a command
 * cannot change what the agent obeys, what CI runs, what git executes (hooks, config) or stored
 * credentials, even when it runs unasked. The rest of .git stays writable so `git add` and
 * `git commit` work. Nested AGENTS.md files are not listed (edits to them still ask).
 */
export function protectedWorkspaceDirs(): string[] {
  return [
    '.git/hooks', '.git/config', '.vscode', '.tandem', '.codex', '.idea', '.github', '.gitlab', '.husky', '.circleci', '.devcontainer',
    'AGENTS.md', 'CLAUDE.md', '.cursorrules', '.claude', '.cursor', '.gitlab-ci.yml', 'Jenkinsfile', '.travis.yml', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', '.pre-commit-config.yaml',
    '.gitmodules', '.gitattributes', '.tandemignore', '.envrc', '.ssh', '.aws', '.npmrc', '.pypirc', '.netrc', '.git-credentials',
  ];
}

/**
 * The rules for one workspace: the built-in lists plus its .tandemignore (gitignore syntax), whose
 * entries are secret too. Paths outside the workspace are judged by the built-in rules only.
 */
export class PathRules {
  private readonly ig: Ignore | undefined;

  constructor(tandemignore = '') {
    // No patterns, no matcher: recursive searches call this for every file below a folder.
    this.ig = /^\s*[^#\s]/m.test(tandemignore) ? ignore({ ignorecase: true }).add(tandemignore) : undefined;
  }

  /** Reads <root>/.tandemignore (missing is fine). */
  static forWorkspace(root: string | undefined): PathRules {
    let extra = '';
    if (root) {
      try {
        extra = readFileSync(path.join(root, '.tandemignore'), 'utf8');
      } catch {
        /* no .tandemignore: the built-in rules alone */
      }
    }
    return new PathRules(extra);
  }

  /** Why reading this path (workspace-relative, or absolute/`..` for outside files) may reveal a secret. */
  secretReason(rel: string): string | undefined {
    const builtIn = secretReason(rel);
    if (builtIn) return builtIn;
    if (!this.ig) return undefined;
    const clean = normalizeRel(rel);
    if (clean === '' || clean === '..' || clean.startsWith('../') || path.posix.isAbsolute(clean) || /^[a-z]:/i.test(clean)) return undefined;
    return this.ig.ignores(clean) ? `${clean} is listed in .tandemignore` : undefined;
  }

  /** True for a file that must stay out of model context unless the user agrees. */
  isSecret(rel: string): boolean {
    return this.secretReason(rel) !== undefined;
  }
}

/**
 * Why a call to an external (MCP) tool needs approval because of a path in its arguments: a secret
 * file (the tool may send its contents to the model) or a protected one (the tool may write it).
 * Every string value is looked at; absolute paths inside the workspace are judged relative to it.
 */
export function argumentPathReason(args: unknown, root: string, rules: PathRules): string | undefined {
  const strings: string[] = [];
  const collect = (v: unknown, depth: number) => {
    if (depth > 8 || strings.length > 500) return;
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach((x) => collect(x, depth + 1));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => collect(x, depth + 1));
  };
  collect(args, 0);
  for (const raw of strings) {
    const s = raw.trim().replace(/^file:\/\//, '');
    if (!s || s.length > 4096 || s.includes('\n')) continue;
    const inside = isInside(root, path.resolve(root, s));
    const rel = path.isAbsolute(s) ? path.relative(root, s).split(path.sep).join('/') : s;
    const why = rules.secretReason(inside ? rel : s) ?? (inside ? protectedReason(rel) : undefined);
    if (why) return `its arguments name ${raw}: ${why}`;
  }
  return undefined;
}
