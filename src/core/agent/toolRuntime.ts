// Owns running the tool calls of one step: gives every call a unique id (servers repeat or omit
// them), runs calls in order with the shared tool context, turns bad calls into error results the
// model can correct, truncates large outputs, adds AGENTS.md found on the way to touched paths, and
// makes sure every call gets a result even when the user cancels (so the conversation stays valid).
import type { Message, ToolCall, ToolSpec } from '../llm/provider';
import { FatalToolError, ToolCallError, type ToolContext, type ToolResult } from '../tools/types';
import { type ApprovalDecision, type ApprovalRequest, type Approver } from '../changes/approval';
import type { TakeCheckpoint } from './checkpoints';
import type { AgentEventListener } from './events';
import { truncateOutput } from '../llm/tokens';
import { formatInstructions, type InstructionTracker } from './instructions';
import type { AgentHooks } from '../hooks/engine';
import { invokeWithHooks } from '../hooks/toolGate';

/** The tools the loop can call: their specs for the model and one entry point to invoke by name. */
export interface ToolSet {
  readonly specs: ToolSpec[];
  /** Must return an isError result (not throw) for unknown names, bad JSON and schema violations. */
  invoke(name: string, rawArgs: string, ctx: ToolContext, signal: AbortSignal): Promise<ToolResult>;
  /** True for tools that may change the workspace (a checkpoint follows each call). */
  isMutating?(name: string): boolean;
  /** True for tools that change files only through the applier (a lazy checkpoint can wait until after them). */
  appliesChangesOnly?(name: string): boolean;
}

export interface ToolRuntimeDeps {
  tools: ToolSet;
  /** Everything in ToolContext but the per-call fields. */
  context: Omit<ToolContext, 'toolCallId' | 'onOutput' | 'approver'>;
  approver: Approver;
  emit: AgentEventListener;
  maxOutputChars: number;
  instructions?: InstructionTracker;
  /** True when an id is already used earlier in the conversation. */
  idTaken: (id: string) => boolean;
  /** Snapshots the workspace after a call that may have changed it. */
  checkpoint?: TakeCheckpoint;
  /** The step (model call) the calls belong to, for checkpoint labels. */
  step?: number;
  /** The model accepts images: images tools return go to it (otherwise only their text notice). */
  acceptsImages?: boolean;
  /** PreToolUse / PostToolUse hooks (hooks.json), with the session id they are told. */
  hooks?: { hooks: AgentHooks; sessionId: string };
}

export interface PreparedCalls {
  calls: ToolCall[];
  /** Index of a call -> index of the identical call it repeats (same id, name and arguments). */
  repeats: Map<number, number>;
}

/**
 * Makes ids unique within the conversation. A call that repeats an earlier call of the same step
 * exactly (same id, name and arguments: a server glitch) is answered without running it again;
 * calls sharing an id but differing otherwise both run under distinct ids.
 */
export function prepareCalls(raw: ToolCall[], idTaken: (id: string) => boolean): PreparedCalls {
  const used = new Set<string>();
  const firstByKey = new Map<string, number>();
  const repeats = new Map<number, number>();
  const calls = raw.map((c, i) => {
    const original = c.id.trim();
    const key = JSON.stringify([original, c.name, c.arguments]);
    const first = original ? firstByKey.get(key) : undefined;
    if (first !== undefined) repeats.set(i, first);
    else firstByKey.set(key, i);
    let id = original || `call_${i + 1}`;
    for (let n = 2; used.has(id) || idTaken(id); n++) id = `${original || 'call'}_${n}`;
    used.add(id);
    return { ...c, id };
  });
  return { calls, repeats };
}

const CANCELLED = 'Cancelled by the user; this call did not finish.';

/** The approver, wrapped to announce requests and decisions as events. */
function announcingApprover(inner: Approver, emit: AgentEventListener): Approver {
  return {
    async request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
      emit({ type: 'approvalNeeded', request: req });
      const decision = await inner.request(req, signal);
      emit({ type: 'approvalResolved', toolCallId: req.toolCallId, approved: decision.approved, ...(decision.approved ? (decision.command !== undefined ? { command: decision.command } : {}) : { reason: decision.reason }) });
      return decision;
    },
  };
}

/** Workspace paths a call works on: its `path` argument, or the files named in an apply_patch. */
export function touchedPaths(rawArgs: string): string[] {
  try {
    const args = JSON.parse(rawArgs) as { path?: unknown; patch?: unknown };
    if (typeof args?.path === 'string') return [args.path];
    if (typeof args?.patch === 'string') return [...args.patch.matchAll(/^\*\*\* (?:Add|Update|Delete) File: (.+)$/gm)].map((m) => m[1].trim());
  } catch {
    // Malformed arguments already produced an error result.
  }
  return [];
}

async function invokeOne(d: ToolRuntimeDeps, approver: Approver, call: ToolCall, signal: AbortSignal): Promise<ToolResult> {
  const ctx: ToolContext = {
    ...d.context,
    approver,
    toolCallId: call.id,
    onOutput: (chunk) => d.emit({ type: 'toolOutput', id: call.id, chunk }),
  };
  try {
    return await d.tools.invoke(call.name, call.arguments, ctx, signal);
  } catch (err) {
    if (signal.aborted || err instanceof FatalToolError) throw err;
    if (err instanceof ToolCallError) return { output: err.message, isError: true };
    const message = err instanceof Error ? err.message : String(err);
    return { output: `The tool ${call.name} failed unexpectedly: ${message}`, isError: true };
  }
}

export interface StepResults {
  /** One tool message per call, in call order — always complete, so the history stays valid. */
  results: Message[];
  /** Set when a FatalToolError ended the turn. */
  fatal?: string;
}

/** Runs the calls in order. Cancellation and fatal errors fill the remaining results and stop. */
export async function runToolCalls(d: ToolRuntimeDeps, prepared: PreparedCalls, signal: AbortSignal): Promise<StepResults> {
  const approver = announcingApprover(d.approver, d.emit);
  const results: Message[] = [];
  const fill = (from: number, text: string) => {
    for (let j = from; j < prepared.calls.length; j++) {
      const c = prepared.calls[j];
      results.push({ role: 'tool', toolCallId: c.id, name: c.name, content: text, isError: true });
    }
  };
  for (let i = 0; i < prepared.calls.length; i++) {
    const call = prepared.calls[i];
    if (signal.aborted) {
      fill(i, CANCELLED);
      break;
    }
    d.emit({ type: 'toolCallStarted', id: call.id, name: call.name, arguments: call.arguments });
    let result: ToolResult;
    const repeatOf = prepared.repeats.get(i);
    if (repeatOf !== undefined) {
      result = { output: `This call repeats call ${prepared.calls[repeatOf].id} of the same step exactly, so it was not run twice. Its result is above.`, isError: true };
    } else {
      try {
        if (d.checkpoint?.beforeCall && d.tools.isMutating?.(call.name)) await d.checkpoint.beforeCall(d.tools.appliesChangesOnly?.(call.name) ?? false, signal);
        const h = d.hooks;
        const c = d.context;
        result = h
          ? await invokeWithHooks(h.hooks, { sessionId: h.sessionId, signal, report: (report) => d.emit({ type: 'hook', report }) }, call, approver, { approvalMode: c.approvalMode, workspaceRoot: c.workspaceRoot, confined: async () => (c.sandbox ? (await c.sandbox.status()).confined : false) }, (a) => invokeOne(d, a, call, signal))
          : await invokeOne(d, approver, call, signal);
        // Refused calls ran nothing; every other call of a mutating tool may have changed files.
        if (d.checkpoint && d.tools.isMutating?.(call.name) && !result.meta?.rejected && !signal.aborted) await d.checkpoint({ reason: `after ${call.name}`, step: d.step, toolCallId: call.id }, signal);
      } catch (err) {
        const text = signal.aborted ? CANCELLED : `The turn ended: ${(err as Error).message}`;
        d.emit({ type: 'toolCallFinished', id: call.id, name: call.name, output: text, isError: true });
        fill(i, text);
        return signal.aborted ? { results } : { results, fatal: (err as Error).message };
      }
    }
    let output = truncateOutput(result.output, d.maxOutputChars);
    if (!result.isError && d.instructions) {
      const found = [];
      for (const p of touchedPaths(call.arguments)) found.push(...(await d.instructions.newFor(p)));
      if (found.length) output += `\n\nProject instructions that apply to this path:\n${formatInstructions(found)}`;
    }
    d.emit({ type: 'toolCallFinished', id: call.id, name: call.name, output, isError: !!result.isError, ...(result.meta ? { meta: result.meta } : {}) });
    const images = d.acceptsImages && result.images?.length ? result.images : undefined;
    if (images) output += `\n[${images.length === 1 ? 'The image is' : `The ${images.length} images are`} attached for you to see.]`;
    results.push({ role: 'tool', toolCallId: call.id, name: call.name, content: output, ...(result.isError ? { isError: true } : {}), ...(images ? { images } : {}) });
  }
  return { results };
}
