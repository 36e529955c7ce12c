// list_dir: a folder of the workspace as an indented tree (folders end with '/'), .gitignore respected.
import * as z from 'zod';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { ToolName } from './toolNames';
import type { Tool } from './types';
import { walk } from '../util/walk';

const LIMIT = 500;

const schema = z.object({
  path: z.string().optional().describe('Folder relative to the workspace root (default: the root)'),
  depth: z.number().int().min(1).max(10).optional().describe('How many levels to show (default 2)'),
});

export const listDirTool: Tool<z.infer<typeof schema>> = {
  name: ToolName.listDir,
  description: 'List the files and folders of a workspace folder (folders end with "/"), respecting .gitignore.',
  schema,
  mutating: false,
  async invoke(args, ctx, signal) {
    const target = await resolveInWorkspace(ctx.workspaceRoot, args.path ?? '.');
    const lines: string[] = [];
    for await (const e of walk(ctx.workspaceRoot, target.rel, { maxDepth: args.depth ?? 2, limit: LIMIT, signal })) {
      const inner = target.rel ? e.rel.slice(target.rel.length + 1) : e.rel;
      const depth = inner.split('/').length - 1;
      lines.push(`${'  '.repeat(depth)}${inner.split('/').pop()}${e.isDir ? '/' : ''}`);
    }
    if (lines.length === 0) return { output: `${target.rel || '.'} is empty (or does not exist).` };
    return { output: lines.join('\n') + (lines.length >= LIMIT ? `\n[stopped at ${LIMIT} entries; list a subfolder]` : '') };
  },
};
