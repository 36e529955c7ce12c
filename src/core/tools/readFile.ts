// read_file: a workspace file with numbered lines, optionally a line range; capped in size and time,
// binary refused, pipes/sockets/devices refused before opening, secret-looking files asked for first.
import * as z from 'zod';
import { PathRules } from '../policy/pathRules';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { looksBinary, normalize } from '../edits/textFormat';
import { readRegularFile, regularFileStat } from '../util/files';
import { ToolName } from './toolNames';
import { ToolCallError, type Tool } from './types';

const MAX_BYTES = 2 * 1024 * 1024;
const MAX_LINES = 2000;
const MAX_LINE = 2000;

const schema = z.object({
  path: z.string().min(1).describe('File path relative to the workspace root'),
  start_line: z.number().int().min(1).optional().describe('First line to read (1-based)'),
  end_line: z.number().int().min(1).optional().describe('Last line to read (inclusive)'),
});

export const readFileTool: Tool<z.infer<typeof schema>> = {
  name: ToolName.readFile,
  description: `Read a text file of the workspace. Lines come numbered ("12\\t..."). Reads at most ${MAX_LINES} lines at a time: use start_line/end_line for more.`,
  schema,
  mutating: false,
  async invoke(args, ctx, signal) {
    const target = await resolveInWorkspace(ctx.workspaceRoot, args.path);
    const stat = await regularFileStat(target.abs, args.path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
      throw new ToolCallError(err.message);
    });
    if (!stat) throw new ToolCallError(`${args.path} does not exist. Use list_dir or find_files to see what is there.`);
    if (stat.isDirectory()) throw new ToolCallError(`${args.path} is a folder; use list_dir to see its contents.`);
    const secret = PathRules.forWorkspace(ctx.workspaceRoot).secretReason(target.rel);
    if (secret) {
      const d = await ctx.approver.request({ type: 'read', path: target.rel, toolCallId: ctx.toolCallId, reason: secret }, signal);
      if (!d.approved) return { output: `The user did not allow reading ${target.rel}.`, isError: true };
    }
    const open = ctx.documents?.textOf(target.abs);
    let buf: Buffer;
    if (open !== undefined) buf = Buffer.from(open.slice(0, MAX_BYTES), 'utf8');
    else buf = (await readRegularFile(target.abs, { maxBytes: MAX_BYTES, shown: args.path })).buf;
    if (looksBinary(buf)) throw new ToolCallError(`${args.path} is a binary file (${stat.size} bytes); read_file only reads text.`);
    const lines = normalize(buf.toString('utf8')).split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const start = (args.start_line ?? 1) - 1;
    if (start >= lines.length && lines.length > 0) throw new ToolCallError(`${args.path} has ${lines.length} lines; start_line ${args.start_line} is past its end.`);
    const end = Math.min(lines.length, args.end_line ?? start + MAX_LINES, start + MAX_LINES);
    if (end < start + 1 && lines.length > 0) throw new ToolCallError('end_line must not be before start_line.');
    const width = String(end).length;
    const body = lines
      .slice(start, end)
      .map((l, k) => `${String(start + k + 1).padStart(width)}\t${l.length > MAX_LINE ? l.slice(0, MAX_LINE) + ' … [line cut]' : l}`)
      .join('\n');
    const notes: string[] = [];
    const cappedByUs = args.end_line === undefined || args.end_line > start + MAX_LINES;
    if (end < lines.length && cappedByUs) notes.push(`[lines ${start + 1}-${end} of ${lines.length}; read on with start_line ${end + 1}]`);
    if (stat.size > MAX_BYTES) notes.push(`[only the first ${MAX_BYTES} bytes of ${stat.size} were read]`);
    return { output: (body || '[empty file]') + (notes.length ? '\n' + notes.join('\n') : ''), meta: { path: target.rel } };
  },
};
