// Owns what `tandem exec` prints: the answer streams to stdout; tool steps, retries, compaction and
// errors go to stderr, one short line each, so `tandem exec … > answer.md` captures only the answer.
// With --json every event is one JSON line on stdout instead.
import { formatPlan } from '../core/tools/updatePlan';
import type { AgentEvent } from '../core/agent/events';
import type { HookReport } from '../core/hooks/engine';
import type { ReviewOutcome } from '../core/changes/review';
import { reviewLines } from './reviewer';

export interface Writable {
  write(text: string): unknown;
}

/** One line describing a tool call: its name and the argument that says the most. */
export function describeCall(name: string, rawArgs: string): string {
  let args: Record<string, unknown> = {};
  try {
    args = JSON.parse(rawArgs) as Record<string, unknown>;
  } catch {
    return name;
  }
  const key = ['command', 'path', 'pattern', 'query'].find((k) => typeof args?.[k] === 'string');
  if (!key) return name;
  const value = String(args[key]).replace(/\s+/g, ' ');
  return `${name} ${value.length > 80 ? `${value.slice(0, 77)}…` : value}`;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** Every hook run is one line; what it said (its reason, error or output) follows indented. */
export function hookLine(r: HookReport): string {
  const what = { ok: 'ran', blocked: 'blocked', error: 'failed', timeout: 'timed out', cancelled: 'cancelled' }[r.outcome];
  const said = r.message ?? r.stderr ?? r.stdout;
  return `⚙ ${r.event} hook${r.toolName ? ` (${r.toolName})` : ''} ${what}: ${firstLine(r.command)}${said ? `\n  ${firstLine(said)}` : ''}`;
}

export interface TextRendererOptions {
  /** Words for an error event (the CLI adds its hints); default: the event's message. */
  formatError?: (e: Extract<AgentEvent, { type: 'error' }>) => string;
  /** Do not stream answer text (--output-schema prints only the checked answer, at the end). */
  holdAnswer?: boolean;
}

export class TextRenderer {
  private atLineStart = true;
  private readonly calls = new Map<string, string>();
  /** The checkpoint taken at the turn's start, and whether the workspace changed after it. */
  private turnStart: string | undefined;
  private changedSince = false;

  constructor(
    private readonly stdout: Writable,
    private readonly stderr: Writable,
    private readonly options: TextRendererOptions = {},
  ) {}

  /** Puts a newline on stdout before a stderr line so the two streams do not interleave mid-line. */
  private note(line: string): void {
    if (!this.atLineStart) {
      this.stdout.write('\n');
      this.atLineStart = true;
    }
    this.stderr.write(`${line}\n`);
  }

  render(e: AgentEvent): void {
    switch (e.type) {
      case 'text':
        if (!e.delta || this.options.holdAnswer) return;
        this.stdout.write(e.delta);
        this.atLineStart = e.delta.endsWith('\n');
        return;
      case 'toolCallStarted': {
        const label = describeCall(e.name, e.arguments);
        this.calls.set(e.id, label);
        this.note(`▸ ${label}`);
        return;
      }
      case 'toolCallFinished':
        // The model reviewer's run and findings, marked as the model's (asked or not).
        for (const line of reviewLines(e.meta?.review as ReviewOutcome | undefined)) this.note(`  ${line}`);
        if (e.isError) this.note(`  ✗ ${firstLine(e.output)}`);
        else if (typeof e.meta?.exitCode === 'number') this.note(`  ✓ exit ${e.meta.exitCode}`);
        return;
      case 'retry':
        this.note(`… ${firstLine(this.options.formatError && e.kind ? this.options.formatError({ type: 'error', message: e.message, kind: e.kind, status: e.status, detail: e.detail }) : e.message)} Retrying in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt}).`);
        return;
      case 'plan':
        this.note(`Plan:\n${formatPlan({ steps: e.steps, ...(e.explanation ? { explanation: e.explanation } : {}) }).replace(/^/gm, '  ')}`);
        return;
      case 'compaction':
        this.note(`… Compacted the conversation (${e.tokensBefore} → ${e.tokensAfter} tokens) to stay within the context window.`);
        return;
      case 'error':
        this.note(`error: ${this.options.formatError ? this.options.formatError(e) : e.message}`);
        return;
      case 'hook':
        this.note(hookLine(e.report));
        return;
      case 'notice':
        this.note(`note: ${e.message}`);
        return;
      case 'checkpoint':
        if (e.error) this.note(`warning: ${e.error}`);
        if (e.skipped?.length) this.note(`note: not in the checkpoint (new files over 20 MB): ${e.skipped.slice(0, 5).join(', ')}${e.skipped.length > 5 ? ` and ${e.skipped.length - 5} more` : ''}. A restore leaves them as they are.`);
        else if (e.reason === 'turn start') this.turnStart = e.id;
        else if (e.id !== this.turnStart) this.changedSince = true;
        return;
      case 'done':
        if (!this.atLineStart) {
          this.stdout.write('\n');
          this.atLineStart = true;
        }
        if (e.reason === 'cancelled') this.stderr.write('Cancelled.\n');
        if (this.turnStart && this.changedSince) this.stderr.write(`To undo this task's changes: tandem restore ${this.turnStart}\n`);
        return;
      default:
        return;
    }
  }
}

export class JsonRenderer {
  constructor(private readonly stdout: Writable) {}

  render(e: AgentEvent): void {
    this.stdout.write(`${JSON.stringify(e)}\n`);
  }
}
