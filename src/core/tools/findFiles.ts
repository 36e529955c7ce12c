// find_files: workspace files matching a glob (e.g. "src/**/*.ts"), .gitignore respected.
import picomatch from 'picomatch';
import * as z from 'zod';
import { ToolName } from './toolNames';
import { ToolCallError, type Tool } from './types';
import { walk } from '../util/walk';

const LIMIT = 1000;

const schema = z.object({ pattern: z.string().min(1).describe('Glob relative to the workspace root, e.g. "src/**/*.test.ts" or "**/package.json"') });

export const findFilesTool: Tool<z.infer<typeof schema>> = {
  name: ToolName.findFiles,
  description: 'Find workspace files whose path matches a glob pattern. Respects .gitignore.',
  schema,
  mutating: false,
  async invoke(args, ctx, signal) {
    let match: (p: string) => boolean;
    try {
      // A pattern without a slash matches file names at any depth, as in .gitignore.
      match = picomatch(args.pattern, { dot: true, basename: !args.pattern.includes('/') });
    } catch (err) {
      throw new ToolCallError(`The pattern is not a valid glob: ${(err as Error).message}`);
    }
    const found: string[] = [];
    for await (const e of walk(ctx.workspaceRoot, '', { signal })) {
      if (!e.isDir && match(e.rel)) {
        found.push(e.rel);
        if (found.length >= LIMIT) break;
      }
    }
    if (found.length === 0) return { output: `No file matches ${args.pattern}.` };
    return { output: found.join('\n') + (found.length >= LIMIT ? `\n[stopped at ${LIMIT} files; narrow the pattern]` : '') };
  },
};
