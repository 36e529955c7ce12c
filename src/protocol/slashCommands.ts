// The slash commands of the panel's prompt, shared by the webview (hints) and the extension (which
// acts on them): `/compact`, `/plan [task]`, `/act [task]`, `/new`, `/init`. A first word like
// `/src/app.ts` (a path) is ordinary text; `//text` sends "/text" literally; an unknown or misused
// command is an error that lists the commands, so a typo is never sent to the model. The user's own
// commands (prompt files, core/commands) come after the built-in ones, which they cannot replace.

export const SLASH_COMMANDS = [
  { name: 'compact', takesText: false, description: 'Summarise the conversation now to free context' },
  { name: 'plan', takesText: true, description: 'Switch to plan mode (read-only; ends with a plan), optionally with a task' },
  { name: 'act', takesText: true, description: 'Switch to act mode (edits and commands), optionally with a task' },
  { name: 'new', takesText: false, description: 'Start a new task' },
  { name: 'init', takesText: false, description: 'Write a first AGENTS.md for this project (asks first)' },
] as const;

export type SlashName = (typeof SLASH_COMMANDS)[number]['name'];

export type ParsedPrompt =
  | { kind: 'text'; text: string }
  | { kind: 'command'; command: SlashName; text?: string }
  /** A custom command (prompt file) by its name; `args`: what followed it. */
  | { kind: 'custom'; name: string; args: string }
  | { kind: 'error'; message: string; /** No command has this name (a prompt file created since the last load may). */ unknown?: true };

/** A custom command as the panel lists it. */
export interface CustomCommandInfo {
  name: string;
  description: string;
}

const LIST = SLASH_COMMANDS.map((c) => `/${c.name}`).join(', ');

export function parsePrompt(input: string, custom: readonly CustomCommandInfo[] = []): ParsedPrompt {
  const text = input.trim();
  if (text.startsWith('//')) return { kind: 'text', text: text.slice(1) };
  const m = /^\/([^\s/]+)(?:\s+([\s\S]*))?$/.exec(text);
  // Not a command word (a path such as /src/app.ts, or a lone slash): ordinary text.
  if (!m || /^\/\S*\//.test(text)) return { kind: 'text', text };
  const name = m[1].toLowerCase();
  const rest = m[2]?.trim() || undefined;
  const cmd = SLASH_COMMANDS.find((c) => c.name === name);
  const own = cmd ? undefined : custom.find((c) => c.name.toLowerCase() === name);
  if (own) return { kind: 'custom', name: own.name, args: rest ?? '' };
  if (!cmd) return { kind: 'error', unknown: true, message: `Unknown command /${m[1]}. Commands: ${[LIST, ...custom.map((c) => `/${c.name}`)].join(', ')}. To send text that starts with a slash, begin it with //.` };
  if (rest && !cmd.takesText) return { kind: 'error', message: `/${cmd.name} takes no text; send it alone.` };
  return { kind: 'command', command: cmd.name, ...(rest ? { text: rest } : {}) };
}
