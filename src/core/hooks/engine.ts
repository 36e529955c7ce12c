// Owns what a hook's answer means. The hooks matching an event run side by side with the event's JSON
// on stdin; each answer is read the way Claude Code and Codex read it: exit 0 goes on (stdout may be
// JSON with `decision`/`reason`, `hookSpecificOutput.permissionDecision`, `additionalContext`,
// `systemMessage`; plain stdout of UserPromptSubmit and SessionStart is context for the model), exit 2
// blocks with stderr as the reason, any other code (and a timeout) is an error shown to the user that
// blocks nothing. Among several hooks the strictest answer wins: block > ask > allow. Every run is
// reported (HookReport) so the panel's step and the CLI's stderr show what each hook did.
import type { HookCommand, HookEventName, HookSource } from './config';
import { runHookCommand, type HookRunResult } from './runner';

export interface HookReport {
  event: HookEventName;
  source: HookSource;
  command: string;
  toolName?: string;
  toolCallId?: string;
  /** ok: went on; blocked: exit 2 or a block/deny decision; error: another exit code; timeout: killed. */
  outcome: 'ok' | 'blocked' | 'error' | 'timeout' | 'cancelled';
  exitCode: number | null;
  durationMs: number;
  /** What the user should read: the block reason, the error, a systemMessage or a decision. */
  message?: string;
  stdout?: string;
  stderr?: string;
}

export type HookListener = (report: HookReport) => void;

export interface HookCallContext {
  sessionId: string;
  signal: AbortSignal;
  report: HookListener;
}

export interface ToolCallInfo {
  id: string;
  name: string;
  /** Raw JSON text of the arguments as the model wrote them. */
  arguments: string;
}

export type PreToolDecision = { kind: 'block'; reason: string } | { kind: 'allow' | 'ask'; reason?: string } | { kind: 'none' };

/** The port the agent loop calls at each event (implemented by HookEngine; absent: no hooks). */
export interface AgentHooks {
  sessionStart(source: 'startup' | 'resume', hc: HookCallContext): Promise<{ context?: string }>;
  userPromptSubmit(prompt: string, hc: HookCallContext): Promise<{ blocked?: string; context?: string }>;
  preToolUse(call: ToolCallInfo, hc: HookCallContext): Promise<PreToolDecision>;
  postToolUse(call: ToolCallInfo, result: { output: string; isError: boolean }, hc: HookCallContext): Promise<{ feedback?: string }>;
  stop(stopHookActive: boolean, lastAnswer: string, hc: HookCallContext): Promise<{ continueWith?: string }>;
}

export interface HookEngineOptions {
  hooks: HookCommand[];
  /** The workspace root: the hooks' working folder and `cwd` in their input. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  envExtra?: string[];
}

/** One hook's answer, read. */
interface Answer {
  block?: string;
  permission?: 'allow' | 'deny' | 'ask';
  reason?: string;
  context?: string;
}

const CONTEXT_EVENTS: HookEventName[] = ['UserPromptSubmit', 'SessionStart'];

function parseStdout(stdout: string): Record<string, unknown> | undefined {
  const t = stdout.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(t) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Reads one finished hook: its answer and the report the user sees. */
export function readAnswer(hook: HookCommand, r: HookRunResult): { answer: Answer; outcome: HookReport['outcome']; message?: string } {
  if (r.cancelled) return { answer: {}, outcome: 'cancelled', message: 'cancelled' };
  if (r.timedOut) return { answer: {}, outcome: 'timeout', message: `timed out after ${hook.timeoutMs / 1000} s and was killed; it blocked nothing` };
  if (r.exitCode === 2) {
    const reason = r.stderr.trim() || `the hook "${hook.command}" blocked it (exit code 2) without a reason on stderr`;
    return { answer: { block: reason }, outcome: 'blocked', message: reason };
  }
  if (r.exitCode !== 0) {
    return { answer: {}, outcome: 'error', message: `failed with exit code ${r.exitCode ?? 'none'}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}; it blocked nothing` };
  }
  const json = parseStdout(r.stdout);
  if (!json) {
    const context = CONTEXT_EVENTS.includes(hook.event) ? str(r.stdout) : undefined;
    return { answer: context ? { context } : {}, outcome: 'ok' };
  }
  const specific = (typeof json.hookSpecificOutput === 'object' && json.hookSpecificOutput !== null ? json.hookSpecificOutput : {}) as Record<string, unknown>;
  const answer: Answer = {};
  const context = str(specific.additionalContext);
  if (context) answer.context = context;
  const perm = specific.permissionDecision;
  if (hook.event === 'PreToolUse' && (perm === 'allow' || perm === 'deny' || perm === 'ask')) {
    answer.permission = perm;
    answer.reason = str(specific.permissionDecisionReason) ?? str(json.reason);
  } else if (hook.event === 'PreToolUse' && json.decision === 'approve') {
    // The older spelling Claude Code still reads.
    answer.permission = 'allow';
    answer.reason = str(json.reason);
  }
  if (json.decision === 'block' || answer.permission === 'deny' || json.continue === false) {
    answer.block = answer.reason ?? str(json.reason) ?? str(json.stopReason) ?? `the hook "${hook.command}" blocked it without a reason`;
  }
  const shown = answer.block ?? str(json.systemMessage) ?? (answer.permission ? `${answer.permission}${answer.reason ? `: ${answer.reason}` : ''}` : undefined);
  return { answer, outcome: answer.block ? 'blocked' : 'ok', ...(shown ? { message: shown } : {}) };
}

function parsedArgs(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const joined = (parts: Array<string | undefined>) => {
  const list = parts.filter((p): p is string => !!p);
  return list.length ? list.join('\n') : undefined;
};

export class HookEngine implements AgentHooks {
  constructor(private readonly opts: HookEngineOptions) {}

  get count(): number {
    return this.opts.hooks.length;
  }

  /** The same hooks working in another folder (a best-of-k or eval attempt's copy of the workspace). */
  at(cwd: string): HookEngine {
    return new HookEngine({ ...this.opts, cwd });
  }

  /** Runs every hook of `event` (for tool events: whose matcher takes the tool's name); answers in config order. */
  private async run(event: HookEventName, extra: Record<string, unknown>, hc: HookCallContext, tool?: ToolCallInfo): Promise<Answer[]> {
    const matching = this.opts.hooks.filter((h) => h.event === event && (!tool || !h.matcher || h.matcher.test(tool.name)));
    if (matching.length === 0 || hc.signal.aborted) return [];
    const input = { session_id: hc.sessionId, cwd: this.opts.cwd, hook_event_name: event, ...extra };
    return Promise.all(
      matching.map(async (hook) => {
        const r = await runHookCommand(hook.command, input, { cwd: this.opts.cwd, timeoutMs: hook.timeoutMs, env: this.opts.env, ...(this.opts.envExtra ? { envExtra: this.opts.envExtra } : {}) }, hc.signal);
        const { answer, outcome, message } = readAnswer(hook, r);
        hc.report({
          event,
          source: hook.source,
          command: hook.command,
          ...(tool ? { toolName: tool.name, toolCallId: tool.id } : {}),
          outcome,
          exitCode: r.exitCode,
          durationMs: r.durationMs,
          ...(message ? { message } : {}),
          ...(r.stdout.trim() ? { stdout: r.stdout } : {}),
          ...(r.stderr.trim() ? { stderr: r.stderr } : {}),
        });
        return answer;
      }),
    );
  }

  async sessionStart(source: 'startup' | 'resume', hc: HookCallContext): Promise<{ context?: string }> {
    const answers = await this.run('SessionStart', { source }, hc);
    const context = joined(answers.map((a) => a.context));
    return context ? { context } : {};
  }

  async userPromptSubmit(prompt: string, hc: HookCallContext): Promise<{ blocked?: string; context?: string }> {
    const answers = await this.run('UserPromptSubmit', { prompt }, hc);
    const blocked = joined(answers.map((a) => a.block));
    if (blocked) return { blocked };
    const context = joined(answers.map((a) => a.context));
    return context ? { context } : {};
  }

  async preToolUse(call: ToolCallInfo, hc: HookCallContext): Promise<PreToolDecision> {
    const answers = await this.run('PreToolUse', { tool_name: call.name, tool_input: parsedArgs(call.arguments), tool_use_id: call.id }, hc, call);
    const blocked = joined(answers.map((a) => a.block));
    if (blocked) return { kind: 'block', reason: blocked };
    for (const kind of ['ask', 'allow'] as const) {
      const these = answers.filter((a) => a.permission === kind);
      if (these.length) {
        const reason = joined(these.map((a) => a.reason));
        return reason ? { kind, reason } : { kind };
      }
    }
    return { kind: 'none' };
  }

  async postToolUse(call: ToolCallInfo, result: { output: string; isError: boolean }, hc: HookCallContext): Promise<{ feedback?: string }> {
    const answers = await this.run('PostToolUse', { tool_name: call.name, tool_input: parsedArgs(call.arguments), tool_use_id: call.id, tool_response: { output: result.output, is_error: result.isError } }, hc, call);
    const feedback = joined(answers.flatMap((a) => [a.block, a.context]));
    return feedback ? { feedback } : {};
  }

  async stop(stopHookActive: boolean, lastAnswer: string, hc: HookCallContext): Promise<{ continueWith?: string }> {
    const answers = await this.run('Stop', { stop_hook_active: stopHookActive, last_assistant_message: lastAnswer }, hc);
    const continueWith = joined(answers.map((a) => a.block));
    return continueWith ? { continueWith } : {};
  }
}
