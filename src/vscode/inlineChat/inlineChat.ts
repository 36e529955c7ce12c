// Owns inline chat: Ctrl+I opens an input at the code — a comment thread (Comments API, stable and
// shown by VS Code and code-server without any other AI extension) anchored under the selected lines
// — and sending it runs one fresh inline agent on that file. The thread shows the request as typed
// and the answer as it streams; the proposed change is reviewed in place (inlineReview.ts). Where no
// thread can be shown, a quick input at the top of the window is the fallback.
import * as vscode from 'vscode';
import { describeLines, type LineSpan } from '../../core/refactor/lineSpan';
import { inlinePrompt } from '../../core/refactor/requests';
import { inlineContext, selectionSpan } from './codeContext';
import { createInlineCommentController, INLINE_CONTROLLER } from './commentController';
import { FocusedInput } from './focusedInput';
import { inlineAgent, type InlineAgentDeps } from './inlineAgent';
import { USER_UNDID } from './inlineReview';
import { hookNote, reviewNote } from './threadNotes';

export { INLINE_CONTROLLER };
export const SEND = 'tandem.inlineChat.send';
export const CLOSE = 'tandem.inlineChat.close';

export interface InlineOutcome {
  taskId: string;
  title: string;
  reason: string;
  text: string;
}

interface Open {
  thread: vscode.CommentThread;
  span: LineSpan;
  abort?: AbortController;
}

let seq = 0;

const comment = (author: string, body: string | vscode.MarkdownString): vscode.Comment => ({ author: { name: author }, body, mode: vscode.CommentMode.Preview });

export class InlineChat implements vscode.Disposable {
  private readonly open = new Map<string, Open>();
  private readonly finished = new vscode.EventEmitter<InlineOutcome>();
  /** An inline request ended (the tests wait on it). */
  readonly onDidFinish = this.finished.event;
  private readonly opened = new vscode.EventEmitter<vscode.CommentThread>();
  /** A thread became a file's inline chat (the first reply in VS Code's own input for Ctrl+I). */
  readonly onDidOpen = this.opened.event;
  private readonly disposables: vscode.Disposable[];
  private readonly focused: FocusedInput;

  constructor(
    private readonly deps: InlineAgentDeps,
    private readonly controller: vscode.CommentController = createInlineCommentController(),
  ) {
    this.focused = new FocusedInput(controller);
    this.disposables = [
      this.focused,
      this.controller,
      this.finished,
      this.opened,
      vscode.commands.registerCommand(SEND, (reply: vscode.CommentReply) => this.send(reply)),
      vscode.commands.registerCommand(CLOSE, (thread?: vscode.CommentThread) => this.close(thread)),
    ];
  }

  /** The thread open on a document (the tests reply through it as VS Code's input does). */
  threadFor(uri: vscode.Uri): vscode.CommentThread | undefined {
    return this.open.get(uri.toString())?.thread;
  }

  /** Ctrl+I: an input under the selected lines (or the cursor's line). */
  async start(editor = vscode.window.activeTextEditor, instruction?: string): Promise<vscode.CommentThread | undefined> {
    if (!editor) {
      vscode.window.showInformationMessage('Tandem: open a file and put the cursor on the code to change first.');
      return undefined;
    }
    const span = selectionSpan(editor.selection);
    if (instruction) return this.request(editor.document, span, instruction);
    // VS Code's own input for the lines, with the cursor in it (the thread arrives with the first reply).
    this.close(this.open.get(editor.document.uri.toString())?.thread);
    if (await this.focused.open(editor, span)) return undefined;
    try {
      return this.thread(editor.document, span);
    } catch {
      // No comment thread here (e.g. a document the Comments API does not serve): ask at the top instead.
      const typed = await vscode.window.showInputBox({ title: `Tandem: change ${describeLines(span)}`, prompt: 'What should change?', ignoreFocusOut: true });
      return typed ? this.request(editor.document, span, typed) : undefined;
    }
  }

  private thread(doc: vscode.TextDocument, span: LineSpan): vscode.CommentThread {
    this.close(this.open.get(doc.uri.toString())?.thread);
    return this.adopt(this.controller.createCommentThread(doc.uri, new vscode.Range(span.start, 0, span.end, 0), []), span);
  }

  private adopt(thread: vscode.CommentThread, span: LineSpan): vscode.CommentThread {
    thread.label = `Tandem · ${describeLines(span)}`;
    thread.contextValue = 'tandem.inline';
    thread.canReply = true;
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    this.open.set(thread.uri.toString(), { thread, span });
    return thread;
  }

  /** Disposes `thread`; `keepOffer`: the offered commenting range stays until the caller withdraws it. */
  close(thread?: vscode.CommentThread, keepOffer = false): void {
    if (!keepOffer) this.focused.withdraw();
    if (!thread) return;
    const key = thread.uri.toString();
    const entry = this.open.get(key);
    if (entry?.thread === thread) {
      entry.abort?.abort();
      this.open.delete(key);
    }
    thread.dispose();
  }

  private async send(reply: vscode.CommentReply): Promise<void> {
    const text = reply.text.trim();
    if (!text) return;
    let entry = this.open.get(reply.thread.uri.toString());
    if (entry?.thread !== reply.thread) {
      // The first reply in the input VS Code opened for Ctrl+I (focusedInput.ts): the thread becomes this file's.
      if (reply.thread.comments.length > 0 || !reply.thread.range) return;
      if (entry) this.close(entry.thread, true);
      this.adopt(reply.thread, { start: reply.thread.range.start.line, end: reply.thread.range.end.line });
      entry = this.open.get(reply.thread.uri.toString())!;
      this.opened.fire(reply.thread);
    }
    if (entry.abort) {
      vscode.window.showInformationMessage('Tandem is still working on this request; Keep or Undo its change first.');
      return;
    }
    // The thread is taken now (a second send is refused); the offered range is withdrawn and the
    // request starts after the command has returned. VS Code empties its input only then, and while the
    // input still holds the sent text it counts as an unsubmitted comment: withdrawing the range under
    // it made VS Code collapse the thread behind a "discard unsubmitted comments?" dialog (seen in CI).
    entry.abort = new AbortController();
    const doc = await vscode.workspace.openTextDocument(reply.thread.uri);
    const taken = entry;
    setImmediate(() => {
      this.focused.withdraw();
      void this.request(doc, taken.span, text, taken);
    });
  }

  /** Runs one inline request (also Fix and Refactor… from the commands) and shows it in a thread at the code. */
  async request(doc: vscode.TextDocument, span: LineSpan, instruction: string, existing?: Open): Promise<vscode.CommentThread> {
    const entry = existing ?? { thread: this.thread(doc, span), span };
    const { thread } = entry;
    // Closed between the send and now: nothing to do.
    if (entry.abort?.signal.aborted) return thread;
    const taskId = `inline_${Date.now().toString(36)}${++seq}`;
    const title = `Inline: ${instruction.split('\n')[0].slice(0, 60)} (${vscode.workspace.asRelativePath(doc.uri, false)}, ${describeLines(span)})`;
    const answer = new vscode.MarkdownString('$(loading~spin) Working…', true);
    const history = [...thread.comments, comment('You', instruction)];
    const show = (md: string) => {
      answer.value = md;
      thread.comments = [...history, comment('Tandem', answer)];
    };
    show('$(loading~spin) Working…');
    thread.canReply = false;
    const abort = entry.abort ?? new AbortController();
    entry.abort = abort;
    let text = '';
    let reason = 'error';
    // The user's last Keep or Undo in the review, if any: the thread has done its work and closes after the turn.
    let verdict: string | undefined;
    try {
      const built = await inlineAgent(this.deps, doc.uri, { id: taskId, title });
      if (typeof built === 'string') {
        text = built;
        show(`$(error) ${built}`);
        return thread;
      }
      const prompt = inlinePrompt(await inlineContext(doc, span, built.file, instruction));
      const status: string[] = [];
      const result = await built.agent.run(prompt, {
        signal: abort.signal,
        onEvent: (e) => {
          if (e.type === 'text') text += e.delta;
          else if (e.type === 'approvalNeeded' && e.request.type === 'edit') status.push(`$(diff) Review the change in the editor: **Keep** or **Undo** each part (Ctrl+Enter keeps all, Ctrl+Shift+Backspace undoes all).${reviewNote(e.request.review)}`);
          else if (e.type === 'hook') status.push(hookNote(e.report));
          else if (e.type === 'approvalResolved') {
            status.push(e.approved ? '$(check) Kept.' : `$(discard) Not applied${e.reason ? `: ${e.reason}` : '.'}`);
            verdict = e.approved ? 'kept the change' : e.reason === USER_UNDID ? 'undid the change' : undefined;
          }
          else if (e.type === 'error') status.push(`$(error) ${e.message}`);

          else return;
          show([text, status[status.length - 1]].filter(Boolean).join('\n\n'));
        },
      });
      reason = result.reason;
      show([text || result.text, ...status.slice(-1), result.reason === 'answer' ? '' : `$(warning) ${result.message ?? `Stopped (${result.reason}).`}`].filter(Boolean).join('\n\n'));
    } catch (err) {
      text = (err as Error).message;
      show(`$(error) The inline request failed: ${text}`);
    } finally {
      entry.abort = undefined;
      thread.canReply = true;
      // Kept or undone and answered: nothing is left to read at the code, so the thread goes (a status line says what happened).
      if (verdict && reason === 'answer') {
        this.close(thread);
        vscode.window.setStatusBarMessage(`$(check) Tandem ${verdict} in ${vscode.workspace.asRelativePath(doc.uri, false)}`, 5000);
      }
      this.finished.fire({ taskId, title, reason, text });
    }
    return thread;
  }

  dispose(): void {
    for (const { abort } of this.open.values()) abort?.abort();
    for (const d of this.disposables) d.dispose();
  }
}
