// search: text or regex search across the workspace, "path:line: text" per match. Uses ripgrep
// (VS Code's own in the editor, else one on PATH; see ripgrep.ts) and an equivalent walk in
// JavaScript otherwise; both respect .gitignore and skip binary files; matches in secret files
// (policy/pathRules) are left out.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import * as z from 'zod';
import { PathRules } from '../policy/pathRules';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { looksBinary } from '../edits/textFormat';
import { readRegularFile, regularFileStat } from '../util/files';
import { findRipgrep, noteRipgrepMissing } from './ripgrep';
import { ToolName } from './toolNames';
import { ToolCallError, type Tool } from './types';
import { walk } from '../util/walk';

const MAX_MATCHES = 200;
const MAX_LINE = 300;
const MAX_FILE = 2 * 1024 * 1024;

const schema = z.object({
  query: z.string().min(1).describe('Text to find (or a regular expression when is_regex is true)'),
  is_regex: z.boolean().optional().describe('Treat query as a regular expression (Rust/JS syntax)'),
  path: z.string().optional().describe('Folder or file to search in, relative to the workspace root'),
  glob: z.string().optional().describe('Only files matching this glob, e.g. "*.ts"'),
});
type Args = z.infer<typeof schema>;

interface Match {
  file: string;
  line: number;
  text: string;
}

export { findRipgrep } from './ripgrep';

function format(matches: Match[], truncated: boolean): string {
  if (matches.length === 0) return 'No matches.';
  const body = matches.map((m) => `${m.file}:${m.line}: ${m.text.length > MAX_LINE ? m.text.slice(0, MAX_LINE) + ' …' : m.text}`).join('\n');
  return body + (truncated ? `\n[stopped at ${MAX_MATCHES} matches; narrow the query, path or glob]` : '');
}

function searchWithRipgrep(rg: string, root: string, rel: string, args: Args, signal: AbortSignal): Promise<{ matches: Match[]; truncated: boolean }> {
  // --no-require-git: honour .gitignore even when the workspace is not a git repository.
  const rgArgs = ['--json', '--no-require-git', '--line-number', '--max-columns', String(MAX_LINE * 2), '--max-filesize', '2M'];
  if (!args.is_regex) rgArgs.push('--fixed-strings');
  if (args.glob) rgArgs.push('--glob', args.glob);
  rgArgs.push('--', args.query, rel || '.');
  return new Promise((resolve, reject) => {
    const child = spawn(rg, rgArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const matches: Match[] = [];
    let truncated = false;
    let buf = '';
    let err = '';
    const onAbort = () => child.kill('SIGKILL');
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (!line.startsWith('{"type":"match"')) continue;
        const m = JSON.parse(line).data;
        if (matches.length >= MAX_MATCHES) {
          truncated = true;
          child.kill('SIGKILL');
          return;
        }
        matches.push({ file: String(m.path.text).replace(/^\.\//, ''), line: m.line_number, text: String(m.lines.text ?? '').replace(/\r?\n$/, '') });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (code === 2 && !truncated && matches.length === 0) reject(new ToolCallError(`The search failed: ${err.trim().split('\n').pop()}`));
      else resolve({ matches, truncated });
    });
  });
}

async function searchWithWalk(root: string, rel: string, args: Args, signal: AbortSignal): Promise<{ matches: Match[]; truncated: boolean }> {
  let re: RegExp;
  try {
    re = args.is_regex ? new RegExp(args.query) : new RegExp(args.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  } catch (e) {
    throw new ToolCallError(`The regular expression is not valid: ${(e as Error).message}`);
  }
  const glob = args.glob ? picomatch(args.glob, { dot: true, basename: !args.glob.includes('/') }) : undefined;
  const matches: Match[] = [];
  const stat = await fs.stat(path.join(root, rel)).catch(() => undefined);
  const files: string[] = [];
  if (stat?.isFile()) files.push(rel);
  else for await (const e of walk(root, rel, { signal })) if (!e.isDir && (!glob || glob(e.rel))) files.push(e.rel);
  for (const f of files) {
    if (signal.aborted) break;
    const abs = path.join(root, f);
    // Pipes, sockets and devices (also behind symlinks) are skipped: reading them blocks or never ends.
    const st = await fs.stat(abs).catch(() => undefined);
    if (!st || !st.isFile() || st.size > MAX_FILE) continue;
    const buf = await readRegularFile(abs, { maxBytes: MAX_FILE, shown: f }).then((r) => r.buf, () => undefined);
    if (!buf) continue;
    if (looksBinary(buf)) continue;
    const lines = buf.toString('utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (re.test(lines[i])) {
        if (matches.length >= MAX_MATCHES) return { matches, truncated: true };
        matches.push({ file: f, line: i + 1, text: lines[i].replace(/\r$/, '') });
      }
    }
  }
  return { matches, truncated: false };
}

export function createSearchTool(opts: { ripgrep?: () => string | null } = {}): Tool<Args> {
  const rgOf = opts.ripgrep ?? findRipgrep;
  return {
    name: ToolName.search,
    description: 'Search file contents across the workspace (or a folder/file of it). Returns "path:line: text" per match. Respects .gitignore.',
    schema,
    mutating: false,
    async invoke(args, ctx, signal) {
      const target = await resolveInWorkspace(ctx.workspaceRoot, args.path ?? '.');
      // A pipe named as the search path would block ripgrep and the walk alike.
      await regularFileStat(target.abs, args.path ?? '.').catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw new ToolCallError(err.message);
      });
      const rg = rgOf();
      if (!rg) noteRipgrepMissing();
      const found = rg ? await searchWithRipgrep(rg, ctx.workspaceRoot, target.rel, args, signal) : await searchWithWalk(ctx.workspaceRoot, target.rel, args, signal);
      // Lines of secret files (.env, keys, .tandemignore) never reach the model through a search.
      const rules = PathRules.forWorkspace(ctx.workspaceRoot);
      const matches = found.matches.filter((m) => !rules.isSecret(m.file));
      const hidden = new Set(found.matches.filter((m) => rules.isSecret(m.file)).map((m) => m.file));
      const note = hidden.size ? `\n[matches in ${hidden.size} secret file(s) left out: ${[...hidden].slice(0, 5).join(', ')}; read_file asks you before showing them]` : '';
      return { output: format(matches, found.truncated) + note, meta: { engine: rg ? 'ripgrep' : 'walk', count: matches.length } };
    },
  };
}

export const searchTool = createSearchTool();
