// Owns `tandem exec "/name args"`: the task names a custom command (a prompt file, see
// core/commands), so it runs that file's prompt with the arguments put in, in its mode, with its
// model and tools, and the files its `@path` references name attached. An unknown `/name` is an
// error listing the commands (`//text` sends "/text"); any other task is left as it is.
import { loadCommands } from '../core/commands/promptFiles';
import { attachTextMentions, prepareInput } from '../core/commands/prepare';
import { attachmentBudget } from '../core/context/attachments';
import { budgetFor } from '../core/llm/tokens';
import type { ExecOptions } from './args';
import type { Writable } from './render';

export type CommandTask = { options: ExecOptions; attach: boolean } | { error: string };

export async function commandTask(o: ExecOptions, root: string, env: NodeJS.ProcessEnv, stderr: Writable): Promise<CommandTask> {
  if (o.taskFromStdin || !o.task.trim().startsWith('/')) return { options: o, attach: false };
  const listing = await loadCommands(root, env);
  const prepared = prepareInput(o.task, listing.commands);
  if (prepared.kind === 'error') {
    for (const note of listing.notes) stderr.write(`note: ${note}\n`);
    return { error: prepared.message };
  }
  if (prepared.kind === 'text') return { options: { ...o, task: prepared.text }, attach: false };
  const c = prepared.command;
  stderr.write(`Running /${c.name} (${c.file})${c.mode ? ` in ${c.mode} mode` : ''}${c.model ? ` with ${c.model}` : ''}.\n`);
  return { options: { ...o, task: prepared.text, ...(c.mode ? { mode: c.mode } : {}), ...(c.model ? { model: c.model } : {}), ...(c.tools ? { tools: c.tools } : {}) }, attach: true };
}

/** The task with the files its @references name attached (notes about the rest on stderr). */
export async function withAttachedMentions(task: string, o: ExecOptions, root: string, env: NodeJS.ProcessEnv, stderr: Writable): Promise<string> {
  const r = await attachTextMentions(root, task, attachmentBudget(budgetFor(o.model).window), env);
  for (const note of r.notes) stderr.write(`note: ${note}\n`);
  return r.text;
}
