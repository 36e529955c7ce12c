// Owns building the panel's Agent from the current settings: the model endpoint and key, the
// workspace root, the built-in, language and MCP tools, the sandbox, checkpoints and audit — with
// every edit and command refused in an untrusted workspace. The lifecycle (when to build and
// rebuild) is AgentLifecycle's; this file only knows how.
import * as vscode from 'vscode';
import { Agent } from '../../core/agent/agent';
import { createModelProvider } from '../../core/agent/modelProvider';
import { Session } from '../../core/agent/session';
import { builtinToolSet } from '../../core/agent/toolSet';
import type { CheckpointStore } from '../../core/checkpoints/store';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import { languageTools } from '../../core/tools/languageTools';
import type { UserAsker } from '../../core/tools/askUser';
import type { ChangeRecorder } from '../../core/changes/ports';
import { VsCodeEditDiagnostics } from '../agent/editDiagnostics';
import { VsCodeLanguageService } from '../agent/languageService';
import type { McpService } from '../mcp/mcpService';
import { createSandbox } from '../agent/sandbox';
import type { ApiKeyStore } from '../model/apiKey';
import { readAgentSettings } from '../agent/settings';
import type { PanelApprover } from './panelApprover';
import { OpenTextDocuments, WorkspaceApplier } from '../agent/workspaceApplier';
import { editorHooks } from '../agent/hooks';
import { settingsReviewer } from '../agent/reviewer';
import { offerProtectedUndo } from './protectedUndo';

export interface PanelAgentDeps {
  keys: ApiKeyStore;
  approver: PanelApprover;
  mcp?: McpService;
  checkpoints: (root: string) => CheckpointStore | undefined;
  taskId: () => string;
  recorder: (folder: vscode.WorkspaceFolder) => ChangeRecorder | undefined;
  notice: (text: string, level: 'info' | 'error') => void;
  /** Answers the model's ask_user questions in the panel. */
  ask?: UserAsker;
  /** The model accepts images (tandem.chat.vision): images MCP tools return are passed on. */
  acceptsImages?: boolean;
}

/** A new Agent continuing `saved` (a session's JSON), or why there cannot be one. */
export async function buildPanelAgent(d: PanelAgentDeps, saved: unknown): Promise<Agent | string> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return 'Open a folder first: the agent works inside a workspace folder.';
  const s = readAgentSettings();
  const trusted = vscode.workspace.isTrusted;
  const root = await canonicalRoot(folder.uri.fsPath);
  let mcpTools: Awaited<ReturnType<McpService['tools']>> = [];
  try {
    mcpTools = (await d.mcp?.tools()) ?? [];
  } catch (err) {
    d.notice(`MCP servers are not available: ${(err as Error).message}`, 'error');
  }
  const sandbox = createSandbox(s);
  const box = await sandbox.status();
  if (!box.confined && trusted && s.approval === 'full-auto') {
    d.notice(`Commands are not sandboxed: ${box.reason?.replace(/\.$/, '')}. Full-auto asks before each command it does not consider safe on its own.`, 'info');
  }
  let hooks: Awaited<ReturnType<typeof editorHooks>>;
  try {
    hooks = s.hooks ? await editorHooks(root, trusted, s.commandEnv) : undefined;
  } catch (err) {
    d.notice(`Hooks are not available: ${(err as Error).message}`, 'error');
  }
  return new Agent({
    provider: createModelProvider(s.api, { baseUrl: s.baseUrl, apiKey: d.keys.get() }),
    model: s.model,
    workspaceRoot: root,
    recorder: d.recorder(folder),
    onProtectedChanges: (changes) => offerProtectedUndo(root, changes, d.notice),
    tools: builtinToolSet([...languageTools(new VsCodeLanguageService()), ...mcpTools]),
    approver: d.approver,
    checkpoints: trusted ? d.checkpoints(root) : undefined,
    // Lazily, as in tandem exec: a turn that only reads takes none; the first command or MCP call
    // takes the turn start before it runs, an edit's pre-images make it from the snapshot after.
    lazyCheckpoints: true,
    taskId: d.taskId,
    applier: new WorkspaceApplier(folder.uri),
    // In an untrusted workspace every edit and command reaches the approver, which refuses it.
    approvalMode: trusted ? s.approval : 'suggest',
    allowedCommands: trusted ? s.allowedCommands : [],
    sandbox,
    sandboxDescription: box.confined ? `bubblewrap: ${sandbox.describe()}` : 'none',
    commandEnv: s.commandEnv,
    maxSteps: s.maxSteps,
    contextWindow: s.contextWindow || undefined,
    testCommand: s.testCommand || undefined,
    documents: new OpenTextDocuments(),
    guardDisabledRules: s.guardDisabledRules,
    externalScanner: trusted ? await d.mcp?.scanner() : undefined,
    // tandem.review.model: a second opinion on each edit (tandem.review.when decides which).
    reviewer: settingsReviewer(s, d.keys.get()),
    editDiagnostics: s.diagnosticsWaitMs > 0 ? new VsCodeEditDiagnostics({ boundMs: s.diagnosticsWaitMs, settleMs: Math.min(750, s.diagnosticsWaitMs) }) : undefined,
    session: saved ? Session.fromJSON(saved as never) : undefined,
    ...(d.ask ? { ask: d.ask } : {}),
    ...(d.acceptsImages !== undefined ? { acceptsImages: d.acceptsImages } : {}),
    ...(hooks ? { hooks } : {}),
    toolCalling: s.toolCalling,
  });
}
