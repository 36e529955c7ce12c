// Owns the context a panel message carries into the agent: the selection chip (the active editor's
// selection, or the lines around the cursor; never a secret file), the @ picker's answers (workspace
// files and folders from a cached index, @problems, @git, @terminal, @url), and, at send, turning
// the selection, the picked and the plain-text @mentions and the images into the turn's input
// (core/context does the resolving, marking, redaction and budgeting).
import * as vscode from 'vscode';
import { budgetFor } from '../../core/llm/tokens';
import type { TurnInput } from '../../core/agent/turn';
import { assemblePrompt, attachmentBudget, type Attachment } from '../../core/context/attachments';
import { acceptsImages, checkImageData, visionOffMessage, type VisionSetting } from '../../core/context/images';
import { findTextMentions, listMentionable, MentionError, rankMentions, resolveMention, type MentionCandidate } from '../../core/context/mentions';
import { gitDiffAttachment, problemsAttachment, selectionAttachment, selectionLabel, type EditorSnapshot, type Problem } from '../../core/context/sources';
import { fetchUrlMention, UrlError } from '../../core/context/urlFetch';
import type { ImagePart } from '../../core/llm/provider';
import { PathRules } from '../../core/policy/pathRules';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import type { EditorContext, Mention, MentionOption, SendContext } from '../../protocol/sendContext';
import { readAgentSettings } from '../agent/settings';
import { TerminalOutputs } from './terminalOutputs';

/** How long the picker's file index is reused before the workspace is walked again. */
const INDEX_TTL_MS = 30_000;

const SPECIAL: MentionOption[] = [
  { kind: 'problems', value: 'problems', label: '@problems', detail: "The workspace's errors and warnings" },
  { kind: 'git', value: 'git', label: '@git', detail: 'Uncommitted changes (git diff)' },
  { kind: 'terminal', value: 'terminal', label: '@terminal', detail: "The active terminal's last command output" },
  { kind: 'url', value: '', label: '@url', detail: 'Fetch a web page (asks first)' },
];

export type PreparedInput = { input: TurnInput; attached: string[]; notices: string[] } | { error: string };

export class ChatContext implements vscode.Disposable {
  private readonly posts = new vscode.EventEmitter<EditorContext | { type: 'mentionResults'; seq: number; options: MentionOption[] }>();
  /** Messages for the webview (the view forwards them). */
  readonly onDidPost = this.posts.event;
  private readonly terminals = new TerminalOutputs();
  private readonly disposables: vscode.Disposable[] = [this.posts, this.terminals];
  private editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private index: { at: number; items: Promise<MentionCandidate[]> } | undefined;
  private chipTimer: ReturnType<typeof setTimeout> | undefined;
  /** Asks before a URL is fetched (a modal); replaceable so tests can answer it. */
  confirmUrl = async (message: string, action: string): Promise<boolean> => (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => (this.index = undefined)),
      watcher.onDidDelete(() => (this.index = undefined)),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // Focus moving to the panel leaves no active editor: the last one is still what the user means.
        if (e) this.editor = e;
        this.schedulePush();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === this.editor || !this.editor) this.editor = e.textEditor;
        this.schedulePush();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.editor?.document === d) this.editor = undefined;
        this.schedulePush();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tandem.chat') && this.schedulePush()),
    );
  }

  private schedulePush(): void {
    if (this.chipTimer) clearTimeout(this.chipTimer);
    this.chipTimer = setTimeout(() => this.posts.fire(this.editorContext()), 100);
  }

  private vision(): VisionSetting {
    const v = vscode.workspace.getConfiguration('tandem').get<string>('chat.vision', 'auto');
    return v === 'on' || v === 'off' ? v : 'auto';
  }

  /** The selection as core sees it, or undefined (no editor, attaching off, or a secret file). */
  snapshot(): EditorSnapshot | undefined {
    const e = this.editor;
    if (!e || e.document.isClosed || !vscode.workspace.getConfiguration('tandem').get<boolean>('chat.attachSelection', true)) return undefined;
    if (e.document.uri.scheme !== 'file' && e.document.uri.scheme !== 'untitled') return undefined;
    const rel = vscode.workspace.asRelativePath(e.document.uri, false);
    if (PathRules.forWorkspace(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath).isSecret(rel)) return undefined;
    const s = e.selection;
    const lines = e.document.getText().split(/\r?\n/);
    return { path: rel, languageId: e.document.languageId, lines, selection: { startLine: s.start.line, startChar: s.start.character, endLine: s.end.line, endChar: s.end.character } };
  }

  editorContext(): EditorContext {
    const snap = this.snapshot();
    const model = readAgentSettings().model;
    const vision = this.vision();
    return {
      type: 'editorContext',
      ...(snap ? { chip: { label: selectionLabel(snap), title: `Attached to your message: ${selectionAttachment(snap).source}. Remove it to send without it.` } } : {}),
      ...(acceptsImages(model, vision) ? {} : { imagesOff: visionOffMessage(model, vision) }),
    };
  }

  pushEditorContext(): void {
    this.posts.fire(this.editorContext());
  }

  private async root(): Promise<string | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.scheme === 'file' ? canonicalRoot(folder.uri.fsPath) : undefined;
  }

  /** Answers the picker: special mentions whose name starts with the query, then ranked files and folders. */
  async query(query: string, seq: number): Promise<MentionOption[]> {
    const q = query.trim();
    const options: MentionOption[] = SPECIAL.filter((o) => o.value === '' ? 'url'.startsWith(q) || /^https?:/i.test(q) : o.value.startsWith(q.toLowerCase())).map((o) => (o.kind === 'url' && /^https?:/i.test(q) ? { ...o, value: q, label: `@${q}` } : o));
    const root = await this.root();
    if (root && !/^https?:/i.test(q)) {
      if (!this.index || Date.now() - this.index.at > INDEX_TTL_MS) this.index = { at: Date.now(), items: listMentionable(root) };
      const ranked = rankMentions(q, await this.index.items, 30, this.openFiles());
      options.push(...ranked.map((c) => ({ kind: c.kind, value: c.path, label: c.path.split('/').pop() ?? c.path, detail: c.kind === 'folder' ? `${c.path}/` : c.path })));
    }
    this.posts.fire({ type: 'mentionResults', seq, options });
    return options;
  }

  /** Workspace-relative paths of the files open in editor tabs, the one the user is in first. */
  private openFiles(): string[] {
    const uris = [this.editor?.document.uri, ...vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri : undefined)))];
    const paths = uris.filter((u): u is vscode.Uri => u?.scheme === 'file').map((u) => vscode.workspace.asRelativePath(u, false));
    return [...new Set(paths)];
  }

  private async resolve(m: Mention, root: string): Promise<Attachment> {
    switch (m.kind) {
      case 'file':
      case 'folder':
        return resolveMention(root, m.value);
      case 'problems':
        return problemsAttachment(workspaceProblems());
      case 'git':
        if (!vscode.workspace.isTrusted) throw new Error('@git runs git in the workspace, which needs a trusted workspace.');
        return gitDiffAttachment(root);
      case 'terminal':
        return this.terminals.attachment();
      case 'url':
        return this.fetchUrl(m.value);
    }
  }

  private async fetchUrl(url: string): Promise<Attachment> {
    const confirm = (u: string) => this.confirmUrl(`Fetch ${u} and attach it to your message? The page's text is sent to the model.`, 'Fetch');
    try {
      return await fetchUrlMention(url, { confirm });
    } catch (err) {
      if (!(err instanceof UrlError) || !/Private and local addresses/.test(err.message)) throw err;
      // A local or private address is fetched only on an explicit second yes.
      const again = await this.confirmUrl(`${err.message.replace(/ Private and local.*$/, '')}\n\nFetch it anyway? Only do this for a server you trust: a page can make Tandem read internal services.`, 'Fetch private address');
      if (!again) throw err;
      return fetchUrlMention(url, { confirm: async () => true, allowPrivate: true });
    }
  }

  /** True while a message's context is being gathered (a @url question may be open). */
  get preparing(): boolean {
    return this.pending > 0;
  }
  private pending = 0;

  /** The turn's input from the message and what the panel attached; an error keeps the message unsent. */
  async prepare(text: string, context: SendContext | undefined): Promise<PreparedInput> {
    this.pending += 1;
    try {
      return await this.gather(text, context);
    } finally {
      this.pending -= 1;
    }
  }

  private async gather(text: string, context: SendContext | undefined): Promise<PreparedInput> {
    const model = readAgentSettings().model;
    const images: ImagePart[] = [];
    if (context?.images.length) {
      if (!acceptsImages(model, this.vision())) return { error: visionOffMessage(model, this.vision()) };
      try {
        for (const i of context.images) images.push(checkImageData(i.data, i.name));
      } catch (err) {
        return { error: (err as Error).message };
      }
    }
    const attachments: Attachment[] = [];
    const notices: string[] = [];
    const snap = context?.selection ? this.snapshot() : undefined;
    const root = await this.root();
    const picked = context?.mentions ?? [];
    const typed = findTextMentions(text).filter((p) => !picked.some((m) => m.value === p)).map((value): Mention & { typed: true } => ({ kind: 'file', value, typed: true }));
    for (const m of [...picked, ...typed]) {
      if (!root) {
        notices.push(`@${m.value || m.kind} was not attached: open a folder first.`);
        break;
      }
      try {
        attachments.push(await this.resolve(m, root));
      } catch (err) {
        // A typed @word that names no file is just text (a decorator, a handle).
        if ('typed' in m && err instanceof MentionError && /does not exist/.test(err.message)) continue;
        notices.push((err as Error).message);
      }
    }
    if (snap) withSelection(attachments, selectionAttachment(snap), snap.path);
    const s = readAgentSettings();
    const assembled = assemblePrompt(text, attachments, attachmentBudget(budgetFor(s.model, s.contextWindow || undefined).window), process.env, root ? { workspaceRoot: root } : {});
    if (assembled.dropped.length) notices.push(`Left out for lack of room in the model's context window: ${assembled.dropped.join(', ')}.`);
    if (assembled.cut.length) notices.push(`Cut to fit the model's context window: ${assembled.cut.join(', ')}.`);
    const attached = [...assembled.included, ...(context?.images ?? []).map((i) => `image ${i.name}`)];
    return { input: { content: assembled.text, ...(images.length ? { images } : {}) }, attached, notices };
  }

  dispose(): void {
    if (this.chipTimer) clearTimeout(this.chipTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Adds the selection in front, unless the same file is attached whole by an @-mention: then the file
 * goes once, its marker saying which lines the user selected (the selection is inside it).
 */
export function withSelection(attachments: Attachment[], selection: Attachment, path: string): void {
  const whole = attachments.find((a) => a.kind === 'file' && a.source === path && !a.note);
  if (!whole) {
    attachments.unshift(selection);
    return;
  }
  const lines = selection.source.slice(path.length + 1);
  whole.note = selection.note ?? `the user selected lines ${lines}`;
}

function workspaceProblems(): Problem[] {
  const sev = ['error', 'warning', 'info', 'hint'] as const;
  return vscode.languages.getDiagnostics().flatMap(([uri, list]) =>
    list.map((d) => ({ path: vscode.workspace.asRelativePath(uri, false), line: d.range.start.line + 1, column: d.range.start.character + 1, severity: sev[d.severity] ?? 'info', message: d.message, ...(d.source ? { source: d.source } : {}) })),
  );
}
