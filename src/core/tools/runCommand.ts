// run_command: a shell command in the workspace (or a folder of it), with a timeout that kills the
// whole process tree; asks, runs or refuses as the command policy and the approval mode decide.
import * as path from 'node:path';
import * as z from 'zod';
import { decideCommand } from '../policy/approvalPolicy';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { runShell } from './shell';
import { describeProtectedChanges } from '../sandbox/protectedSet';
import { ToolName } from './toolNames';
import type { Tool, ToolContext, ToolResult } from './types';

const DEFAULT_TIMEOUT = 120_000;
const MAX_TIMEOUT = 30 * 60_000;

const schema = z.object({
  command: z.string().min(1).describe('Shell command line, e.g. "npm test"'),
  cwd: z.string().optional().describe('Folder to run in, relative to the workspace root (default: the root)'),
  timeout_ms: z.number().int().min(100).max(MAX_TIMEOUT).optional().describe(`Time limit in milliseconds (default ${DEFAULT_TIMEOUT})`),
});

type Args = z.infer<typeof schema>;
type Dir = Awaited<ReturnType<typeof resolveInWorkspace>>;

export const runCommandTool: Tool<Args> = {
  name: ToolName.runCommand,
  description: 'Run a shell command in the workspace and get its exit code and output. Use it to run tests, builds and linters.',
  schema,
  mutating: true,
  async invoke(args, ctx, signal) {
    const dir = await resolveInWorkspace(ctx.workspaceRoot, args.cwd ?? '.');
    const status = ctx.sandbox ? await ctx.sandbox.status() : undefined;
    const confined = status?.confined ?? false;
    const sandboxUnavailable = status !== undefined && status.mode !== 'off' && !confined;
    const verdict = await decideCommand(ctx.approvalMode, args.command, { allowed: ctx.allowedCommands, workspaceRoot: ctx.workspaceRoot, cwd: dir.abs, confined, sandboxUnavailable });
    if (verdict.decision === 'forbid') return { output: `Refused to run "${args.command}": ${verdict.reason}.`, isError: true, meta: { notApplied: true } };
    if (verdict.decision === 'ask') {
      const d = await ctx.approver.request({ type: 'command', command: args.command, cwd: dir.rel || '.', toolCallId: ctx.toolCallId, reason: withSecretNote(verdict.reason, verdict.secretReads, ctx.workspaceRoot) }, signal);
      if (!d.approved) return { output: `The user did not allow running "${args.command}".${d.reason ? ` Their reason: ${d.reason}` : ''}`, isError: true, meta: { rejected: true } };
      if (d.command !== undefined && d.command !== args.command) return runEdited(d.command, args, dir, ctx, signal);
      // Approved: the secret files it names are shown to this one run (every other command sees them empty).
      return run(args.command, args, dir, ctx, signal, verdict.secretReads);
    }
    return run(args.command, args, dir, ctx, signal);
  },
};

/**
 * The user's edited command is judged again: a forbidden one never runs, whatever was clicked;
 * anything else runs, since the user wrote it and allowed it on the card.
 */
async function runEdited(command: string, args: Args, dir: Dir, ctx: ToolContext, signal: AbortSignal): Promise<ToolResult> {
  const status = ctx.sandbox ? await ctx.sandbox.status() : undefined;
  const confined = status?.confined ?? false;
  const sandboxUnavailable = status !== undefined && status.mode !== 'off' && !confined;
  const verdict = command.trim() ? await decideCommand(ctx.approvalMode, command, { allowed: ctx.allowedCommands, workspaceRoot: ctx.workspaceRoot, cwd: dir.abs, confined, sandboxUnavailable }) : { decision: 'forbid' as const, reason: 'the edited command is empty' };
  if (verdict.decision === 'forbid') return { output: `The user edited the command to "${command}", which was refused: ${verdict.reason}.`, isError: true, meta: { notApplied: true, edited: true } };
  // The user wrote and allowed it: the secret files it names are shown to it, as for an approved command.
  const r = await run(command, args, dir, ctx, signal, verdict.decision === 'ask' ? verdict.secretReads : undefined);
  return { ...r, output: `The user edited the command before running it; it ran as shown.\n${r.output}`, meta: { ...r.meta, edited: true } };
}

/** The question's reason, saying which secret files approving lets this command read. */
function withSecretNote(reason: string, secrets: string[] | undefined, root: string): string {
  if (!secrets?.length) return reason;
  const names = secrets.map((s) => path.relative(root, s).split(path.sep).join('/')).join(', ');
  return `${reason}. Allowing it lets this one command read ${names}, which commands otherwise see as empty`;
}

async function run(command: string, args: Args, dir: Dir, ctx: ToolContext, signal: AbortSignal, unmask?: string[]): Promise<ToolResult> {
  const r = await runShell(command, { cwd: dir.abs, timeoutMs: args.timeout_ms ?? DEFAULT_TIMEOUT, env: ctx.env, envExtra: ctx.commandEnv, onOutput: ctx.onOutput, sandbox: ctx.sandbox, workspaceRoot: ctx.workspaceRoot, ...(unmask?.length ? { unmask } : {}) }, signal);
  const status = r.cancelled ? 'cancelled' : r.timedOut ? `timed out after ${args.timeout_ms ?? DEFAULT_TIMEOUT} ms (the process tree was killed)` : `exit code ${r.exitCode ?? r.signal}`;
  // The model should know why a write outside the workspace fails ("Read-only file system").
  const where = r.confined && ctx.sandbox ? `; sandboxed: ${ctx.sandbox.describe()}` : '';
  const parts = [`$ ${command}`, `[${status}; ${r.durationMs} ms${where}]`];
  if (r.stdout) parts.push(`stdout:\n${r.stdout}`);
  if (r.stderr) parts.push(`stderr:\n${r.stderr}`);
  if (r.createdProtected.length) parts.push(`Note: the command created or replaced ${r.createdProtected.join(', ')}, which Tandem protects; the user should review it.`);
  // What runs later (on folder-open, on the next git) is shown now: the user gets it with Undo.
  if (r.protectedChanges.length) {
    parts.push(`Note: the command changed files that run later — ${describeProtectedChanges(r.protectedChanges)}; they are shown to the user, who can undo them.`);
    ctx.onProtectedChanges?.(r.protectedChanges);
  }
  const protectedChanged = r.protectedChanges.map((c) => `${c.rel} (${c.kind})`);
  return { output: parts.join('\n'), isError: r.exitCode !== 0, meta: { exitCode: r.exitCode, durationMs: r.durationMs, timedOut: r.timedOut, cancelled: r.cancelled, confined: r.confined, ...(protectedChanged.length ? { protectedChanged } : {}) } };
}
