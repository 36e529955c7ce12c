// Activation: wiring only — construct, register, dispose. Nothing heavy runs here.
import { loadStarted } from './activationClock'; // first: it times the loading of everything below
import * as vscode from 'vscode';
import { CompletionEngine } from './core/completion/engine';
import type { LlmErrorKind } from './core/llm/errors';
import type * as AgentHostModule from './vscode/agent/agentHost';
import type { InlineChat } from './vscode/inlineChat/inlineChat';
import type { InlineReviews } from './vscode/inlineChat/inlineReview';
import type { ChatController } from './vscode/chat/controller';
import { CHAT_VIEW_ID } from './vscode/chat/chatView';
import { registerCompletionCommands } from './vscode/completion/commands';
import { AGENT_HOST_COMMANDS, LazyAgent } from './vscode/agent/lazyAgent';
import type { McpService } from './vscode/mcp/mcpService';
import { registerRefactorCommands } from './vscode/refactor/refactorCommands';
import { InlineProvider } from './vscode/completion/ghostTextProvider';
import { ActivityTracker, clipboardSource } from './vscode/completion/activityTracker';
import { CompletionStatsRecorder } from './vscode/completion/stats';
import { EditorDefinitions } from './vscode/completion/definitions';
import { Log } from './vscode/log';
import { RelatedFiles } from './vscode/completion/relatedFiles';
import { SecretFilesWatcher } from './vscode/completion/secretFilesWatcher';
import { ApiKeyStore } from './vscode/model/apiKey';
import { Settings } from './vscode/completion/settings';
import { StatusBar, type StatusView } from './vscode/model/statusBar';
import { ServerMonitor } from './vscode/model/serverMonitor';
import { ModelPicker } from './vscode/model/modelPicker';
import { createInlineCommentController } from './vscode/inlineChat/commentController';
import { GitignoreOffer } from './vscode/workspace/gitignoreOffer';
import { NextEdit } from './vscode/nextEdit/nextEdit';

/** What activate() returns: observability for the integration tests, nothing more. */
export interface TandemApi {
  status(): StatusView;
  onStatus: vscode.Event<StatusView>;
  requestsSent(): number;
  notifications(): Array<{ kind: LlmErrorKind; message: string }>;
  onDidProvide: vscode.Event<{ uri: string; shown: boolean; text?: string; selected?: string }>;
  onWillProvide: vscode.Event<{ uri: string; line: number; character: number }>;
  completionStats: CompletionStatsRecorder;
  /** The chat panel's controller: tests post the same validated messages the webview posts. Reading it loads the agent. */
  readonly chat: ChatController;
  readonly mcp: McpService;
  /** Whether the agent bundle is loaded yet (it is not at activation). */
  agentLoaded(): boolean;
  /** Milliseconds spent loading extension.js and in activate() until the inline completion provider was registered. */
  activationMs: number;
  /** The model-server check behind the status bar and the welcome. */
  server: ServerMonitor;
  statusShown(): { text: string; tooltip: string };
  models: ModelPicker;
  /** Inline chat and its in-place reviews (reading them loads the agent). */
  readonly inline: InlineChat;
  readonly inlineReviews: InlineReviews;
  /** The offer to add .tandem/ to .gitignore on Tandem's first write there. */
  gitignoreOffer: GitignoreOffer;
  /** Next-edit suggestions: the controller's events and state, requests sent. */
  nextEdit: NextEdit;
}

// Evaluated once every import above is: loading the bundle took loadEnded - loadStarted.
const loadEnded = performance.now();

export function activate(context: vscode.ExtensionContext): TandemApi {
  const activateStarted = performance.now();
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
  const activity = new ActivityTracker();
  const completionStats = new CompletionStatsRecorder(context.globalState);
  const definitions = new EditorDefinitions((p) => secrets.get().isSecret(p));
  const engine = new CompletionEngine({
    config: () => ({ ...settings.completion(), apiKey: keys.get() }),
    related,
    secrets: () => secrets.get(),
    onStatus: (s) => statusBar.setStatus(s),
    definitions,
    recent: activity.activity,
    clipboard: clipboardSource(() => settings.completion().clipboard),
    onLateResult: (uri) => provider.refresh(uri),
  });
  statusBar.setEnabled(settings.completion().enabled);
  const server = new ServerMonitor(settings, keys, log);
  server.onDidChange((v) => statusBar.setServer(v));
  void server.check();
  const models = new ModelPicker(keys, (found) => server.connected(found));
  const nextEdit = new NextEdit({ apiKey: () => keys.get(), secrets: () => secrets.get(), related, definitions, recent: activity.activity, log: (l) => log.info(l) });
  const provider = new InlineProvider(engine, completionStats, (d, p) => nextEdit.controller.atCursor(d, p));
  const inlineComments = createInlineCommentController();
  // The agent, MCP, checkpoints and the change log load on first use (dist/extensionAgent.js), not here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load of the second bundle
  const agent = new LazyAgent(() => (require('./vscode/agent/agentHost') as typeof AgentHostModule).createAgentHost(context, keys, log, server, inlineComments), AGENT_HOST_COMMANDS);
  const gitignoreOffer = new GitignoreOffer(context.workspaceState, context.globalState);
  context.subscriptions.push(gitignoreOffer);
  agent.onDidLoad((ms) => log.info(`Agent loaded in ${ms.toFixed(0)} ms`));
  if (vscode.workspace.getConfiguration('tandem').get<boolean>('mcp.startOnLaunch', false)) agent.get();
  const runner = { reveal: () => agent.get().chatView.reveal(), startTask: (t: { prompt: string; display: string; title: string }) => agent.get().chat.startTask(t) };
  const inline: Parameters<typeof registerRefactorCommands>[1] = { start: (e, i) => agent.get().inline.start(e, i), request: (d, span, i) => agent.get().inline.request(d, span, i) };

  context.subscriptions.push(
    log,
    settings,
    keys,
    statusBar,
    related,
    secrets,
    activity,
    completionStats,
    { dispose: () => engine.dispose() },
    provider,
    nextEdit,
    // Completion wins at the cursor: a shown completion takes a next-edit suggestion off the screen.
    provider.onDidSettle((e) => e.shown && nextEdit.controller.completionShown(e.uri)),
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    settings.onDidChange(() => {
      engine.reset();
      statusBar.setEnabled(settings.completion().enabled);
    }),
    keys.onDidChange(() => engine.reset()),
    ...registerCompletionCommands(keys, log, server, () => completionStats.describe()),
    agent,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, agent.viewProvider(), { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.commands.registerCommand('tandem.openChat', () => agent.get().chatView.reveal()),
    vscode.commands.registerCommand('tandem.newTask', async () => {
      await agent.get().chat.handle({ type: 'newTask' });
      await agent.get().chatView.reveal();
    }),
    models,
    inlineComments,
    vscode.commands.registerCommand('tandem.selectModel', () => models.selectModels()),
    vscode.commands.registerCommand('tandem.connect', () => models.connect()),
    ...registerRefactorCommands(runner, inline),
  );
  // Our own cost: loading the bundle, then activate() up to here (not the host's work in between).
  const activationMs = loadEnded - loadStarted + (performance.now() - activateStarted);
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);

  return {
    status: () => statusBar.view(),
    onStatus: statusBar.onDidChange,
    requestsSent: () => engine.requestsSent,
    notifications: () => [...notifications],
    onDidProvide: provider.onDidSettle,
    get chat() {
      return agent.get().chat;
    },
    get mcp() {
      return agent.get().mcp;
    },
    get inline() {
      return agent.get().inline;
    },
    get inlineReviews() {
      return agent.get().inlineReviews;
    },
    agentLoaded: () => agent.loaded,
    activationMs,
    server,
    statusShown: () => statusBar.shown(),
    models,
    onWillProvide: provider.onWillProvide,
    completionStats,
    gitignoreOffer,
    nextEdit,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
