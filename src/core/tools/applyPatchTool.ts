// apply_patch: several edits across files in Codex's `*** Begin Patch` format, all or nothing.
import * as z from 'zod';
import { applyChunks, parsePatch, PatchError } from '../edits/applyPatch';
import { makeChange } from '../edits/proposedChange';
import { restore } from '../edits/textFormat';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { proposeAndApply } from './editFlow';
import { readForEdit } from './fileState';
import { ToolName } from './toolNames';
import { ToolCallError, type Tool } from './types';
import { type ProposedChange } from '../changes/change';

const schema = z.object({ patch: z.string().min(1).describe('The patch, from "*** Begin Patch" to "*** End Patch"') });

const FORMAT = `*** Begin Patch
*** Update File: src/app.ts
@@ function main() {
-  old line
+  new line
*** Add File: src/new.ts
+content of the new file
*** Delete File: src/old.ts
*** End Patch`;

export const applyPatchTool: Tool<z.infer<typeof schema>> = {
  name: ToolName.applyPatch,
  description: `Edit, add, delete or move files with one patch (all or nothing). Format:\n${FORMAT}\nHunk lines start with ' ' (context), '-' (remove) or '+' (add); "*** Move to: path" may follow an Update header.`,
  schema,
  mutating: true,
  appliesChangesOnly: true,
  async invoke(args, ctx, signal) {
    let ops;
    try {
      ops = parsePatch(args.patch);
    } catch (err) {
      if (err instanceof PatchError) throw new ToolCallError(`${err.message}\nExpected format:\n${FORMAT}`);
      throw err;
    }
    const changes: ProposedChange[] = [];
    const seen = new Set<string>();
    for (const op of ops) {
      const target = await resolveInWorkspace(ctx.workspaceRoot, op.path);
      if (seen.has(target.rel)) throw new ToolCallError(`The patch touches ${target.rel} twice; merge those hunks into one section.`);
      seen.add(target.rel);
      const state = await readForEdit(target.abs, op.path, ctx.documents);
      if (op.type === 'add') {
        if (state.exists) throw new ToolCallError(`Cannot add ${op.path}: it exists. Use "*** Update File:" to change it.`);
        changes.push(makeChange({ path: target.rel, kind: 'create', newText: op.text }));
      } else if (op.type === 'delete') {
        if (!state.exists) throw new ToolCallError(`Cannot delete ${op.path}: it does not exist.`);
        changes.push(makeChange({ path: target.rel, kind: 'delete', oldText: state.raw }));
      } else {
        if (!state.exists) throw new ToolCallError(`Cannot update ${op.path}: it does not exist. Use "*** Add File:" to create it.`);
        let lf: string;
        try {
          lf = applyChunks(op.path, state.text, op.chunks);
        } catch (err) {
          if (err instanceof PatchError) throw new ToolCallError(`${err.message} No file was changed.`);
          throw err;
        }
        const newText = restore(lf, state.format);
        if (op.moveTo) {
          const dest = await resolveInWorkspace(ctx.workspaceRoot, op.moveTo);
          if ((await readForEdit(dest.abs, op.moveTo, ctx.documents)).exists) throw new ToolCallError(`Cannot move ${op.path} to ${op.moveTo}: that file exists.`);
          changes.push(makeChange({ path: target.rel, kind: 'move', newPath: dest.rel, oldText: state.raw, newText }));
        } else changes.push(makeChange({ path: target.rel, kind: 'update', oldText: state.raw, newText }));
      }
    }
    return proposeAndApply(changes, ctx, signal);
  },
};
