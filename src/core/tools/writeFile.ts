// write_file: create a file or replace its whole content (keeping an existing file's line endings
// and BOM); the change is proposed and applied only as the approval policy allows.
import * as z from 'zod';
import { makeChange } from '../edits/proposedChange';
import { normalize, restore } from '../edits/textFormat';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { proposeAndApply } from './editFlow';
import { readForEdit } from './fileState';
import { ToolName } from './toolNames';
import type { Tool } from './types';

const schema = z.object({
  path: z.string().min(1).describe('File path relative to the workspace root'),
  content: z.string().describe('The complete new content of the file'),
});

export const writeFileTool: Tool<z.infer<typeof schema>> = {
  name: ToolName.writeFile,
  description: 'Create a file, or replace the whole content of an existing one. Prefer edit_file or apply_patch for changes to existing files.',
  schema,
  mutating: true,
  appliesChangesOnly: true,
  async invoke(args, ctx, signal) {
    const target = await resolveInWorkspace(ctx.workspaceRoot, args.path);
    const state = await readForEdit(target.abs, args.path, ctx.documents);
    const newText = state.exists ? restore(normalize(args.content), state.format) : args.content;
    const change = makeChange({ path: target.rel, kind: state.exists ? 'update' : 'create', oldText: state.raw, newText });
    return proposeAndApply([change], ctx, signal);
  },
};
