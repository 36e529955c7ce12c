// Owns where hooks come from and what a hooks file may say: the user's $XDG_CONFIG_HOME/tandem/hooks.json
// and the workspace's .tandem/hooks.json, in the shape Claude Code and Codex users already write
// ({"hooks":{"PreToolUse":[{"matcher":"run_command|edit_file","hooks":[{"type":"command","command":"…","timeout":30}]}]}}).
// A file that does not parse is one issue with its path and is ignored whole; a bad group (an
// invalid matcher regex, a hook without a command) is an issue too and only that group is left out.
// The workspace's hooks run only once the user enabled that exact file content (hashed): a
// repository must not be able to run commands on the user's machine by being opened.
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as z from 'zod';
import { readIfExists } from '../util/files';

export const HOOK_EVENTS = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'Stop', 'SessionStart'] as const;
export type HookEventName = (typeof HOOK_EVENTS)[number];
export type HookSource = 'user' | 'workspace';

/** Seconds a hook may run before it is killed (Claude Code's default too). */
export const DEFAULT_HOOK_TIMEOUT_S = 60;
const MAX_HOOK_TIMEOUT_S = 30 * 60;

export interface HookCommand {
  event: HookEventName;
  source: HookSource;
  /** The file it came from, for messages. */
  file: string;
  /** Anchored regex over tool names; undefined matches every tool (and events without tools). */
  matcher?: RegExp;
  matcherText?: string;
  command: string;
  timeoutMs: number;
}

export interface HooksIssue {
  file: string;
  message: string;
}

export interface HookFile {
  source: HookSource;
  file: string;
  /** The file's text hashed: what the user enables, and must enable again after it changes. */
  hash: string;
  hooks: HookCommand[];
}

const Command = z.object({
  type: z.literal('command').default('command'),
  command: z.string().min(1, 'a hook needs a non-empty "command"'),
  timeout: z.number().positive().max(MAX_HOOK_TIMEOUT_S).optional(),
}).passthrough();

const Group = z.object({
  matcher: z.string().optional(),
  hooks: z.array(z.unknown()),
}).passthrough();

export function hooksHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The user's hooks file: $XDG_CONFIG_HOME/tandem/hooks.json (default ~/.config/tandem/hooks.json). */
export function userHooksPath(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'), 'tandem', 'hooks.json');
}

export function workspaceHooksPath(root: string): string {
  return path.join(root, '.tandem', 'hooks.json');
}

/** Claude Code's matcher: empty or "*" matches every tool; otherwise a regex over the whole name. */
function compileMatcher(text: string | undefined): RegExp | undefined | Error {
  if (text === undefined || text.trim() === '' || text.trim() === '*') return undefined;
  try {
    return new RegExp(`^(?:${text})$`);
  } catch (err) {
    return err as Error;
  }
}

const zodText = (e: z.ZodError) => e.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');

/** Parses a hooks file's text; `issues` says what was left out and why. */
export function parseHooks(text: string, source: HookSource, file: string): { file: HookFile; issues: HooksIssue[] } {
  const issues: HooksIssue[] = [];
  const empty = { file: { source, file, hash: hooksHash(text), hooks: [] }, issues };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    issues.push({ file, message: `is not valid JSON (${(err as Error).message}); none of its hooks run until it is fixed` });
    return empty;
  }
  const top = (json as { hooks?: unknown } | null)?.hooks;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || typeof top !== 'object' || top === null || Array.isArray(top)) {
    issues.push({ file, message: 'must be an object with a "hooks" object ({"hooks":{"PreToolUse":[…]}}); none of its hooks run until it is fixed' });
    return empty;
  }
  const hooks: HookCommand[] = [];
  for (const [event, groups] of Object.entries(top as Record<string, unknown>)) {
    if (!(HOOK_EVENTS as readonly string[]).includes(event)) {
      issues.push({ file, message: `has hooks for "${event}", which Tandem does not know (it knows ${HOOK_EVENTS.join(', ')}); they are ignored` });
      continue;
    }
    if (!Array.isArray(groups)) {
      issues.push({ file, message: `"${event}" must be a list of {"matcher", "hooks"} groups; it is ignored` });
      continue;
    }
    groups.forEach((raw, gi) => {
      const where = `${event}[${gi}]`;
      const group = Group.safeParse(raw);
      if (!group.success) return issues.push({ file, message: `${where}: ${zodText(group.error)}; this group is ignored` });
      const matcher = compileMatcher(group.data.matcher);
      if (matcher instanceof Error) return issues.push({ file, message: `${where}: the matcher "${group.data.matcher}" is not a valid regular expression (${matcher.message}); this group is ignored` });
      group.data.hooks.forEach((h, hi) => {
        const cmd = Command.safeParse(h);
        if (!cmd.success) return issues.push({ file, message: `${where}.hooks[${hi}]: ${zodText(cmd.error)}; this hook is ignored` });
        hooks.push({
          event: event as HookEventName,
          source,
          file,
          ...(matcher ? { matcher, matcherText: group.data.matcher } : {}),
          command: cmd.data.command,
          timeoutMs: Math.round((cmd.data.timeout ?? DEFAULT_HOOK_TIMEOUT_S) * 1000),
        });
      });
    });
  }
  return { file: { source, file, hash: hooksHash(text), hooks }, issues };
}

export interface LoadedHooks {
  user?: HookFile;
  workspace?: HookFile;
  issues: HooksIssue[];
}

/** Reads both files (a missing file is no hooks, not an issue). */
export async function loadHooks(opts: { workspaceRoot: string; env: NodeJS.ProcessEnv }): Promise<LoadedHooks> {
  const out: LoadedHooks = { issues: [] };
  for (const [source, file] of [['user', userHooksPath(opts.env)], ['workspace', workspaceHooksPath(opts.workspaceRoot)]] as const) {
    let text: string | undefined;
    try {
      text = await readIfExists(file);
    } catch (err) {
      out.issues.push({ file, message: `could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); its hooks do not run` });
      continue;
    }
    if (text === undefined) continue;
    const parsed = parseHooks(text, source, file);
    out[source] = parsed.file;
    out.issues.push(...parsed.issues);
  }
  return out;
}

/** Remembers, per workspace, the hash of the workspace hooks file the user enabled. */
export interface HooksEnablement {
  get(workspaceRoot: string): string | undefined;
  set(workspaceRoot: string, hash: string | undefined): void;
}

export type WorkspaceHooksState = 'none' | 'enabled' | 'needs enabling' | 'changed';

/** Whether the workspace's hooks may run: only the exact content the user enabled. */
export function workspaceHooksState(loaded: LoadedHooks, root: string, enablement: HooksEnablement): WorkspaceHooksState {
  const ws = loaded.workspace;
  if (!ws || ws.hooks.length === 0) return 'none';
  const enabled = enablement.get(root);
  if (enabled === ws.hash) return 'enabled';
  return enabled ? 'changed' : 'needs enabling';
}

/** The hooks that may run: the user's, then the workspace's when enabled. */
export function activeHooks(loaded: LoadedHooks, root: string, enablement: HooksEnablement): HookCommand[] {
  const ws = workspaceHooksState(loaded, root, enablement) === 'enabled' ? (loaded.workspace?.hooks ?? []) : [];
  return [...(loaded.user?.hooks ?? []), ...ws];
}
