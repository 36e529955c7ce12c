// edit_file: replace an exact piece of a file. Zero or several matches is an error that says so and
// how to fix the call; the file's line endings and BOM are kept.
import * as z from 'zod';
import { makeChange } from '../edits/proposedChange';
import { normalize, restore } from '../edits/textFormat';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { proposeAndApply } from './editFlow';
import { readForEdit } from './fileState';
import { ToolName } from './toolNames';
import { ToolCallError, type Tool } from './types';

const schema = z.object({
  path: z.string().min(1).describe('File path relative to the workspace root'),
  old_string: z.string().min(1).describe('Exact text to replace, including indentation; enough lines to be unique'),
  new_string: z.string().describe('Text to put in its place'),
  replace_all: z.boolean().optional().describe('Replace every occurrence instead of exactly one'),
});

function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

export const editFileTool: Tool<z.infer<typeof schema>> = {
  name: ToolName.editFile,
  description: 'Replace an exact string in a file with another. old_string must occur exactly once unless replace_all is true. Read the file first.',
  schema,
  mutating: true,
  appliesChangesOnly: true,
  async invoke(args, ctx, signal) {
    const target = await resolveInWorkspace(ctx.workspaceRoot, args.path);
    const state = await readForEdit(target.abs, args.path, ctx.documents);
    if (!state.exists) throw new ToolCallError(`${args.path} does not exist. Use write_file to create it.`);
    const oldString = normalize(args.old_string);
    const newString = normalize(args.new_string);
    if (oldString === newString) throw new ToolCallError('old_string and new_string are the same; there is nothing to change.');
    const n = count(state.text, oldString);
    if (n === 0) throw new ToolCallError(`old_string was not found in ${args.path}. Read the file again and copy the text exactly, including whitespace.`);
    if (n > 1 && !args.replace_all) throw new ToolCallError(`old_string occurs ${n} times in ${args.path}. Include more surrounding lines to make it unique, or set replace_all to true.`);
    const lf = args.replace_all ? state.text.split(oldString).join(newString) : state.text.replace(oldString, () => newString);
    const change = makeChange({ path: target.rel, kind: 'update', oldText: state.raw, newText: restore(lf, state.format) });
    return proposeAndApply([change], ctx, signal);
  },
};
