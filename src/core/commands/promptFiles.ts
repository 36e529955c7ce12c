// Owns finding the user's custom commands (prompt files): the workspace's `.tandem/commands/*.md`
// and VS Code's `.github/prompts/*.prompt.md`, and the user's own in `$XDG_CONFIG_HOME/tandem/commands`
// (default ~/.config/tandem/commands). `/NAME` is the file's name without `.md` / `.prompt.md`. The
// workspace's win over the user's of the same name; built-in commands (/plan, /compact…) always win.
// A workspace file must really be inside the workspace (a symlink to ~/.ssh/id_rsa is not read and
// sent to the model); every problem becomes a note naming the file, and the rest still load.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile } from '../util/files';
import { parseFrontMatter, type FrontMatterValue } from './frontMatter';

export type CommandMode = 'act' | 'plan';

export interface PromptCommand {
  /** What follows the slash, as the file names it. */
  name: string;
  description: string;
  /** plan: read-only tools for this turn; act: every tool. Undefined: the current mode. */
  mode?: CommandMode;
  /** Model to run this command with, instead of the configured one. */
  model?: string;
  /** Tool names the turn may use (others are left out); undefined: every tool. */
  tools?: string[];
  /** The prompt, with $ARGUMENTS / $1… and @file references still in it. */
  body: string;
  /** Absolute path of the file, for notes and the picker's tooltip. */
  file: string;
  scope: 'workspace' | 'user';
}

export interface CommandListing {
  commands: PromptCommand[];
  /** One sentence per file that was skipped or partly ignored. */
  notes: string[];
}

/** Prompt files larger than this are not commands (they would fill the context window). */
export const MAX_PROMPT_FILE_BYTES = 64 * 1024;
const NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

interface Source {
  dir: string;
  suffix: string;
  scope: PromptCommand['scope'];
}

/** The user's command folder ($XDG_CONFIG_HOME/tandem/commands, default ~/.config/tandem/commands). */
export function userCommandDir(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'), 'tandem', 'commands');
}

/** Where commands come from, first place first. */
export function commandSources(root: string | undefined, env: NodeJS.ProcessEnv): Source[] {
  const ws: Source[] = root
    ? [
        { dir: path.join(root, '.tandem', 'commands'), suffix: '.md', scope: 'workspace' },
        { dir: path.join(root, '.github', 'prompts'), suffix: '.prompt.md', scope: 'workspace' },
      ]
    : [];
  return [...ws, { dir: userCommandDir(env), suffix: '.md', scope: 'user' }];
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const MODES: Record<string, CommandMode> = { act: 'act', agent: 'act', edit: 'act', plan: 'plan', ask: 'plan' };

function str(v: FrontMatterValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(', ') : v;
}

function firstLine(body: string): string {
  const line = body.split('\n').find((l) => l.trim()) ?? '';
  return line.replace(/^#+\s*/, '').trim().slice(0, 120);
}

async function readCommand(file: string, name: string, src: Source, root: string | undefined, notes: string[]): Promise<PromptCommand | undefined> {
  const shown = src.scope === 'workspace' && root ? path.relative(root, file).split(path.sep).join('/') : file;
  if (src.scope === 'workspace' && root) {
    const real = await fs.realpath(file).catch(() => undefined);
    if (!real || !isInside(root, real)) {
      notes.push(`The command file ${shown} points outside the workspace, so /${name} was not loaded.`);
      return undefined;
    }
  }
  let text: string;
  try {
    const read = await readRegularFile(file, { maxBytes: MAX_PROMPT_FILE_BYTES, shown });
    if (read.truncated) {
      notes.push(`The command file ${shown} is larger than ${MAX_PROMPT_FILE_BYTES / 1024} KB, so /${name} was not loaded.`);
      return undefined;
    }
    text = read.buf.toString('utf8');
  } catch (err) {
    notes.push(`The command file ${shown} could not be read (${(err as Error).message}), so /${name} was not loaded.`);
    return undefined;
  }
  const parsed = parseFrontMatter(text);
  if ('error' in parsed) {
    notes.push(`The command file ${shown} was not loaded: ${parsed.error}.`);
    return undefined;
  }
  const { meta, body } = parsed;
  const modeText = str(meta.mode ?? meta.agent)?.toLowerCase();
  const mode = modeText ? MODES[modeText] : undefined;
  if (modeText && !mode) notes.push(`${shown}: mode "${modeText}" is not one of act, plan (agent, edit, ask); /${name} runs in the current mode.`);
  const tools = meta.tools === undefined ? undefined : (Array.isArray(meta.tools) ? meta.tools : meta.tools.split(',')).map((t) => t.trim()).filter(Boolean);
  const model = str(meta.model)?.trim();
  return {
    name,
    description: str(meta.description)?.trim() || firstLine(body) || `Prompt file ${shown}`,
    ...(mode ? { mode } : {}),
    ...(model ? { model } : {}),
    ...(tools && tools.length ? { tools } : {}),
    body,
    file,
    scope: src.scope,
  };
}

/**
 * Every command the user can type, sorted by name. `reserved`: names of built-in commands, which
 * a file cannot replace. `root` is the workspace's canonical path (none: user commands only).
 */
export async function loadCommands(root: string | undefined, env: NodeJS.ProcessEnv, reserved: readonly string[] = []): Promise<CommandListing> {
  const notes: string[] = [];
  const byName = new Map<string, PromptCommand>();
  for (const src of commandSources(root, env)) {
    let entries: string[];
    try {
      entries = (await fs.readdir(src.dir)).sort();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') notes.push(`The command folder ${src.dir} could not be read (${(err as Error).message}).`);
      continue;
    }
    for (const entry of entries) {
      if (!entry.toLowerCase().endsWith(src.suffix) || entry.startsWith('.')) continue;
      const name = entry.slice(0, -src.suffix.length);
      const file = path.join(src.dir, entry);
      if (!NAME.test(name)) {
        notes.push(`${file}: "${name}" cannot be a command name (letters, digits, _ . - only, at most 64), so it was not loaded.`);
        continue;
      }
      const key = name.toLowerCase();
      if (reserved.includes(key)) {
        notes.push(`${file}: /${name} is a built-in command; rename the file to use it.`);
        continue;
      }
      const earlier = byName.get(key);
      if (earlier) {
        notes.push(`${file} is not used: /${name} is already defined by ${earlier.file}.`);
        continue;
      }
      const cmd = await readCommand(file, name, src, root, notes);
      if (cmd) byName.set(key, cmd);
    }
  }
  return { commands: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), notes };
}
