// Owns approvals in the terminal: on a TTY it shows the diff or the command and asks y/n; without a
// TTY nobody can answer, so it refuses (nothing is applied) and the CLI says so at the end. Hidden
// and bidirectional Unicode is shown escaped, so what is approved is what runs.
import * as readline from 'node:readline';
import type { ApprovalDecision, ApprovalRequest, Approver } from '../core/changes/approval';
import { escapeHiddenUnicode, hiddenUnicodeWarning } from '../protocol/hiddenUnicode';
import type { Writable } from './render';
import { findingLine } from './reviewer';

export const NO_TTY_REASON =
  'No terminal is attached to ask for approval, so nothing was applied. Re-run in a terminal, or pass --approval auto-edit (edits) or --approval full-auto (edits, and commands when the sandbox is available).';

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: Writable;
  /** True when a human can answer (stdin and stderr are terminals). */
  interactive: boolean;
}

/** The request as text, hidden and bidirectional Unicode shown escaped (with a warning line). */
export function describeRequest(req: ApprovalRequest): string {
  let hidden = false;
  const show = (text: string) => {
    const e = escapeHiddenUnicode(text);
    hidden ||= e.escaped;
    return e.text;
  };
  let body: string;
  switch (req.type) {
    case 'edit':
      body = req.changes.map((c) => `${c.kind} ${show(c.path)}${c.newPath ? ` → ${show(c.newPath)}` : ''} (+${c.added} −${c.removed})\n${show(c.diff)}`).join('\n');
      // The guard's and the reviewer's findings, each marked with whose it is, before the question.
      if (req.findings?.length) body += `\nFindings:\n${req.findings.map((f) => `  ${show(findingLine(f))}`).join('\n')}`;
      if (req.review?.status === 'failed') body += `\n${show(req.review.note ?? 'The reviewer failed.')}`;
      break;
    case 'command':
      body = `Run command in ${show(req.cwd)}:\n  $ ${show(req.command)}\n(${show(req.reason)})`;
      break;
    case 'tool':
      body = `Call ${show(req.toolName)} ${show(JSON.stringify(req.args))}\n(${show(req.reason)})`;
      break;
    case 'read':
      body = `Read ${show(req.path)}\n(${show(req.reason)})`;
      break;
  }
  return hidden ? `${body}\n${hiddenUnicodeWarning(req.type)}` : body;
}

export class TerminalApprover implements Approver {
  /** Requests refused because nobody could answer. */
  refusedWithoutTty = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly io: TerminalIo) {}

  request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (!this.io.interactive) {
      this.refusedWithoutTty++;
      return Promise.resolve({ approved: false, reason: NO_TTY_REASON });
    }
    // One question at a time, even if the loop ever asks concurrently.
    const next = this.queue.then(() => this.ask(req, signal));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private ask(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (signal.aborted) return Promise.resolve({ approved: false, reason: 'Cancelled.' });
    this.io.output.write(`\n${describeRequest(req)}\n`);
    const rl = readline.createInterface({ input: this.io.input, terminal: false });
    return new Promise<ApprovalDecision>((resolve) => {
      let settled = false;
      const finish = (d: ApprovalDecision) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        rl.close();
        resolve(d);
      };
      const onAbort = () => finish({ approved: false, reason: 'Cancelled.' });
      signal.addEventListener('abort', onAbort, { once: true });
      rl.on('close', () => finish({ approved: false, reason: 'No answer (input closed); not applied.' }));
      this.io.output.write(`${req.type === 'command' ? 'Run it' : 'Apply'}? [y/N] `);
      rl.once('line', (line) => {
        const yes = /^\s*y(es)?\s*$/i.test(line);
        finish(yes ? { approved: true } : { approved: false, reason: 'The user declined.' });
      });
    });
  }
}
