// Activation: wiring only — construct, register, dispose. Nothing heavy runs here.
import * as vscode from 'vscode';
import { CompletionEngine } from './core/completion/engine';
import type { LlmErrorKind } from './core/llm/errors';
import { ChatController } from './vscode/chat/controller';
import { CHAT_VIEW_ID, ChatViewProvider } from './vscode/chat/chatView';
import { APPROVE_HUNK, HunkLenses, REJECT_HUNK } from './vscode/chat/hunkLenses';
import { PROPOSAL_SCHEME, ProposalDocuments } from './vscode/chat/proposals';
import { TaskStore } from './vscode/chat/taskStore';
import { registerCompletionCommands } from './vscode/commands';
import { McpService } from './vscode/mcpService';
import { registerAuditCommands } from './vscode/auditCommands';
import { EditorCheckpoints } from './vscode/checkpoints';
import { editorAnchor } from './vscode/auditKeys';
import { auditRecorder } from './vscode/auditRecorder';
import { registerRefactorCommands } from './vscode/refactor';
import { InlineProvider } from './vscode/inlineProvider';
import { InlineChat } from './vscode/inline/inlineChat';
import { InlineReviews } from './vscode/inline/inlineReview';
import { registerPanelKeys } from './vscode/chat/panelKeys';
import { Log } from './vscode/log';
import { RelatedFiles } from './vscode/relatedFiles';
import { SecretFilesWatcher } from './vscode/secretFilesWatcher';
import { ApiKeyStore } from './vscode/secrets';
import { Settings } from './vscode/settings';
import { StatusBar, type StatusView } from './vscode/statusBar';

/** What activate() returns: observability for the integration tests, nothing more. */
export interface TandemApi {
  status(): StatusView;
  onStatus: vscode.Event<StatusView>;
  requestsSent(): number;
  notifications(): Array<{ kind: LlmErrorKind; message: string }>;
  onDidProvide: vscode.Event<{ uri: string; shown: boolean }>;
  /** The chat panel's controller: tests post the same validated messages the webview posts. */
  chat: ChatController;
  mcp: McpService;
  /** Inline chat and its in-place reviews. */
  inline: InlineChat;
  inlineReviews: InlineReviews;
}

export function activate(context: vscode.ExtensionContext): TandemApi {
  const log = new Log();
  const settings = new Settings();
  const keys = new ApiKeyStore(context.secrets);
  void keys.refresh();
  const notifications: Array<{ kind: LlmErrorKind; message: string }> = [];
  const statusBar = new StatusBar((message, kind) => {
    notifications.push({ kind, message });
    log.warn(message);
    const actions = kind === 'auth' ? ['Set API Key', 'Show Log'] : ['Open Settings', 'Show Log'];
    void vscode.window.showWarningMessage(`Tandem: ${message}`, ...actions).then((a) => {
      if (a === 'Set API Key') void vscode.commands.executeCommand('tandem.setApiKey');
      else if (a === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.');
      else if (a === 'Show Log') log.show();
    });
  });
  const related = new RelatedFiles();
  const secrets = new SecretFilesWatcher();
  const engine = new CompletionEngine({
    config: () => ({ ...settings.completion(), apiKey: keys.get() }),
    related,
    secrets: () => secrets.get(),
    onStatus: (s) => statusBar.setStatus(s),
  });
  statusBar.setEnabled(settings.completion().enabled);
  const provider = new InlineProvider(engine);
  const proposals = new ProposalDocuments();
  const mcp = new McpService(context.workspaceState, log);
  const audit = editorAnchor(context.secrets);
  const checkpoints = new EditorCheckpoints(context.globalStorageUri.fsPath, log, (folder) => auditRecorder(folder, audit, { taskId: () => undefined, task: () => undefined }));
  const chat = new ChatController(keys, proposals, new TaskStore(context.workspaceState), mcp, audit, (root) => checkpoints.storeFor(root));
  const chatView = new ChatViewProvider(context.extensionUri, chat);
  const hunkLenses = new HunkLenses(() => chat.snapshot().changes, chat.onDidChangeState);
  const runner = { reveal: () => chatView.reveal(), startTask: (t: { prompt: string; display: string; title: string }) => chat.startTask(t) };
  const inlineReviews = new InlineReviews();
  const inline = new InlineChat({ keys, reviews: inlineReviews, audit, checkpoints: (root) => checkpoints.storeFor(root) });

  context.subscriptions.push(
    log,
    settings,
    keys,
    statusBar,
    related,
    secrets,
    { dispose: () => engine.dispose() },
    provider,
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    settings.onDidChange(() => {
      engine.reset();
      statusBar.setEnabled(settings.completion().enabled);
    }),
    keys.onDidChange(() => engine.reset()),
    ...registerCompletionCommands(keys, log),
    mcp,
    proposals,
    checkpoints,
    chat,
    chatView,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, proposals),
    hunkLenses,
    vscode.languages.registerCodeLensProvider({ scheme: PROPOSAL_SCHEME }, hunkLenses),
    vscode.commands.registerCommand(APPROVE_HUNK, (changeId: string, index: number) => chat.handle({ type: 'decideHunk', changeId, index, approve: true })),
    vscode.commands.registerCommand(REJECT_HUNK, (changeId: string, index: number) => chat.handle({ type: 'decideHunk', changeId, index, approve: false })),
    vscode.commands.registerCommand('tandem.openChat', () => chatView.reveal()),
    vscode.commands.registerCommand('tandem.restoreCheckpoint', () => checkpoints.pickAndRestore()),
    vscode.commands.registerCommand('tandem.newTask', async () => {
      await chat.handle({ type: 'newTask' });
      await chatView.reveal();
    }),
    ...registerRefactorCommands(runner, inline),
    inlineReviews,
    inline,
    vscode.commands.registerCommand('tandem.inlineChat', () => inline.start()),
    ...registerPanelKeys(chat),
    ...registerAuditCommands(audit),
  );

  return {
    status: () => statusBar.view(),
    onStatus: statusBar.onDidChange,
    requestsSent: () => engine.requestsSent,
    notifications: () => [...notifications],
    onDidProvide: provider.onDidSettle,
    chat,
    mcp,
    inline,
    inlineReviews,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
