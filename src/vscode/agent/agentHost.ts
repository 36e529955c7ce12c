// The agent side of the extension — the chat panel's controller, MCP, checkpoints, the AI change log
// and the diff review — with everything they pull in (agent loop, tools, policy, guard engine and its
// tree-sitter runtime, MCP SDK, ajv). esbuild bundles this file on its own (dist/extensionAgent.js) and
// extension.ts requires it the first time the panel, a refactor command or the API needs it, so none
// of it is loaded while VS Code starts. Construct and register only; the behaviour lives in the modules.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { preferRipgrep, ripgrepUnderAppRoot } from '../../core/tools/ripgrep';
import { registerAuditCommands } from '../audit/auditCommands';
import { editorAnchor } from '../audit/auditKeys';
import { auditRecorder } from '../audit/auditRecorder';
import { ChatController } from '../chat/controller';
import { ChatViewProvider } from '../chat/chatView';
import { APPROVE_HUNK, HunkLenses, REJECT_HUNK } from '../chat/hunkLenses';
import { ProposalHunks } from '../chat/proposalHunks';
import { PROPOSAL_SCHEME, ProposalDocuments } from '../chat/proposals';
import { TaskStore } from '../chat/taskStore';
import { EditorCheckpoints } from '../checkpoints/checkpointStores';
import type { Log } from '../log';
import { McpService } from '../mcp/mcpService';
import type { ApiKeyStore } from '../model/apiKey';
import type { ServerMonitor } from '../model/serverMonitor';
import { InlineChat } from '../inlineChat/inlineChat';
import { InlineReviews } from '../inlineChat/inlineReview';
import { registerPanelKeys } from '../chat/panelKeys';

export interface AgentHost {
  chat: ChatController;
  mcp: McpService;
  chatView: ChatViewProvider;
  inline: InlineChat;
  inlineReviews: InlineReviews;
}

export function createAgentHost(context: vscode.ExtensionContext, keys: ApiKeyStore, log: Log, server?: ServerMonitor, inlineComments?: vscode.CommentController): AgentHost {
  // The search tool uses the ripgrep VS Code ships: no system ripgrep needed.
  preferRipgrep(ripgrepUnderAppRoot(vscode.env.appRoot));
  const proposals = new ProposalDocuments();
  const mcp = new McpService(context.workspaceState, log);
  const audit = editorAnchor(context.secrets);
  const checkpoints = new EditorCheckpoints(context.globalStorageUri.fsPath, log, (folder) => auditRecorder(folder, audit, { taskId: () => undefined, task: () => undefined }));
  const chat = new ChatController(keys, proposals, new TaskStore(path.join((context.storageUri ?? context.globalStorageUri).fsPath, 'tasks'), context.workspaceState), mcp, audit, (root) => checkpoints.storeFor(root));
  const chatView = new ChatViewProvider(context.extensionUri, chat, server);
  const inlineReviews = new InlineReviews();
  const inline = new InlineChat({ keys, reviews: inlineReviews, audit, checkpoints: (root) => checkpoints.storeFor(root) }, inlineComments);
  const hunkLenses = new HunkLenses(() => chat.snapshot().changes, chat.onDidChangeState);

  context.subscriptions.push(
    mcp,
    proposals,
    checkpoints,
    chat,
    chatView,
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, proposals),
    hunkLenses,
    vscode.languages.registerCodeLensProvider({ scheme: PROPOSAL_SCHEME }, hunkLenses),
    vscode.commands.registerCommand(APPROVE_HUNK, (changeId: string, index: number) => chat.handle({ type: 'decideHunk', changeId, index, approve: true })),
    vscode.commands.registerCommand(REJECT_HUNK, (changeId: string, index: number) => chat.handle({ type: 'decideHunk', changeId, index, approve: false })),
    new ProposalHunks(() => chat.snapshot().changes, chat.onDidChangeState, (changeId, index, approve) => chat.handle(index === undefined ? { type: approve ? 'approve' : 'reject', changeId } : { type: 'decideHunk', changeId, index, approve })),
    vscode.commands.registerCommand('tandem.restoreCheckpoint', () => checkpoints.pickAndRestore()),
    ...registerAuditCommands(audit),
    inlineReviews,
    inline,
    vscode.commands.registerCommand('tandem.inlineChat', () => inline.start()),
    ...registerPanelKeys(chat),
  );
  // Diff tabs of proposals VS Code restored from the last session: nothing is pending now.
  proposals.closeRestoredTabs().catch((err: Error) => log.warn(`Restored proposal tabs could not be closed: ${err.message}`));
  return { chat, mcp, chatView, inline, inlineReviews };
}
