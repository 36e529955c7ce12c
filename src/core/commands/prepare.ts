// Owns what a front end without its own mention picker (the CLI, ACP) does with typed input: a
// `/name args` invocation becomes the command's prompt (with its mode, model and tools), `@file`
// references in the prompt are attached as mentions — jailed to the workspace, secrets refused, the
// same as the panel's (context/mentions.ts) — and an unknown `/name` is an error listing the commands.
import { assemblePrompt } from '../context/attachments';
import { findTextMentions, MentionError, resolveMention } from '../context/mentions';
import type { Attachment } from '../context/attachments';
import type { Tool } from '../tools/types';
import { expandCommand, findInvocation } from './expand';
import type { PromptCommand } from './promptFiles';

export type PreparedInput =
  | { kind: 'text'; text: string }
  | { kind: 'command'; text: string; command: PromptCommand }
  | { kind: 'error'; message: string };

export function commandList(commands: readonly PromptCommand[]): string {
  return commands.length ? commands.map((c) => `/${c.name}`).join(', ') : 'none (add them as .tandem/commands/NAME.md)';
}

/** The text to send for `input`: ordinary text as typed (`//x` sends "/x"), or the command's prompt. */
export function prepareInput(input: string, commands: readonly PromptCommand[]): PreparedInput {
  const inv = findInvocation(input, commands);
  if (!inv) return { kind: 'text', text: input.trim().startsWith('//') ? input.trim().slice(1) : input };
  if ('unknown' in inv) return { kind: 'error', message: `Unknown command /${inv.unknown}. Commands: ${commandList(commands)}. To send text that starts with a slash, begin it with //.` };
  return { kind: 'command', text: expandCommand(inv.command, inv.args), command: inv.command };
}

/**
 * The text with the files its `@path` references name attached before it (within `maxTokens`). A
 * reference that names no file is left as text (a decorator, a handle); other refusals are notes.
 * `given`: attachments the front end already has (an ACP client's embedded resources), put first.
 */
export async function attachTextMentions(root: string, text: string, maxTokens: number, env: NodeJS.ProcessEnv = process.env, given: Attachment[] = []): Promise<{ text: string; attached: string[]; notes: string[] }> {
  const attachments: Attachment[] = [...given];
  const notes: string[] = [];
  for (const typed of findTextMentions(text)) {
    if (given.some((a) => a.source === typed)) continue;
    try {
      attachments.push(await resolveMention(root, typed));
    } catch (err) {
      if (err instanceof MentionError && /does not exist/.test(err.message)) continue;
      notes.push((err as Error).message);
    }
  }
  const assembled = assemblePrompt(text, attachments, maxTokens, env);
  if (assembled.dropped.length) notes.push(`Left out for lack of room in the model's context window: ${assembled.dropped.join(', ')}.`);
  if (assembled.cut.length) notes.push(`Cut to fit the model's context window: ${assembled.cut.join(', ')}.`);
  return { text: assembled.text, attached: assembled.included, notes };
}

/** The tools a command's `tools:` list allows (none listed: all); names no tool has are reported. */
export function restrictTools(tools: Tool[], names: readonly string[] | undefined): { tools: Tool[]; unknown: string[] } {
  if (!names?.length) return { tools, unknown: [] };
  const known = new Set(tools.map((t) => t.name));
  const unknown = names.filter((n) => !known.has(n));
  const wanted = names.filter((n) => known.has(n));
  // A list naming none of Tandem's tools (VS Code's own names) would leave nothing: keep every tool.
  if (wanted.length === 0) return { tools, unknown };
  return { tools: tools.filter((t) => wanted.includes(t.name)), unknown };
}
