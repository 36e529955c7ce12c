// run_command: a shell command in the workspace (or a folder of it), with a timeout that kills the
// whole process tree; asks, runs or refuses as the command policy and the approval mode decide.
import * as z from 'zod';
import { decideCommand } from '../policy/approvalPolicy';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { runShell } from './shell';
import { ToolName } from './toolNames';
import type { Tool } from './types';

const DEFAULT_TIMEOUT = 120_000;
const MAX_TIMEOUT = 30 * 60_000;

const schema = z.object({
  command: z.string().min(1).describe('Shell command line, e.g. "npm test"'),
  cwd: z.string().optional().describe('Folder to run in, relative to the workspace root (default: the root)'),
  timeout_ms: z.number().int().min(100).max(MAX_TIMEOUT).optional().describe(`Time limit in milliseconds (default ${DEFAULT_TIMEOUT})`),
});

export const runCommandTool: Tool<z.infer<typeof schema>> = {
  name: ToolName.runCommand,
  description: 'Run a shell command in the workspace and get its exit code and output. Use it to run tests, builds and linters.',
  schema,
  mutating: true,
  async invoke(args, ctx, signal) {
    const dir = await resolveInWorkspace(ctx.workspaceRoot, args.cwd ?? '.');
    const confined = ctx.sandbox ? (await ctx.sandbox.status()).confined : false;
    const verdict = await decideCommand(ctx.approvalMode, args.command, { allowed: ctx.allowedCommands, workspaceRoot: ctx.workspaceRoot, cwd: dir.abs, confined });
    if (verdict.decision === 'forbid') return { output: `Refused to run "${args.command}": ${verdict.reason}.`, isError: true, meta: { notApplied: true } };
    if (verdict.decision === 'ask') {
      const d = await ctx.approver.request({ type: 'command', command: args.command, cwd: dir.rel || '.', toolCallId: ctx.toolCallId, reason: verdict.reason }, signal);
      if (!d.approved) return { output: `The user did not allow running "${args.command}".${d.reason ? ` Their reason: ${d.reason}` : ''}`, isError: true, meta: { rejected: true } };
    }
    const r = await runShell(args.command, { cwd: dir.abs, timeoutMs: args.timeout_ms ?? DEFAULT_TIMEOUT, env: ctx.env, envExtra: ctx.commandEnv, onOutput: ctx.onOutput, sandbox: ctx.sandbox, workspaceRoot: ctx.workspaceRoot }, signal);
    const status = r.cancelled ? 'cancelled' : r.timedOut ? `timed out after ${args.timeout_ms ?? DEFAULT_TIMEOUT} ms (the process tree was killed)` : `exit code ${r.exitCode ?? r.signal}`;
    // The model should know why a write outside the workspace fails ("Read-only file system").
    const where = r.confined && ctx.sandbox ? `; sandboxed: ${ctx.sandbox.describe()}` : '';
    const parts = [`$ ${args.command}`, `[${status}; ${r.durationMs} ms${where}]`];
    if (r.stdout) parts.push(`stdout:\n${r.stdout}`);
    if (r.stderr) parts.push(`stderr:\n${r.stderr}`);
    if (r.createdProtected.length) parts.push(`Note: the command created or replaced ${r.createdProtected.join(', ')}, which Tandem protects; the user should review it.`);
    return { output: parts.join('\n'), isError: r.exitCode !== 0, meta: { exitCode: r.exitCode, durationMs: r.durationMs, timedOut: r.timedOut, cancelled: r.cancelled, confined: r.confined } };
  },
};
