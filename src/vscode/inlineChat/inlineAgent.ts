// Owns the agent behind one inline chat request: the same core Agent as the panel, with the read-only
// tools (files, search, language servers) plus edit_file and write_file, every edit asked of the
// in-place review (approval mode "suggest"), and an approver that refuses anything else — edits to
// another file, commands, reads outside the workspace. Writes go through the panel's applier, change
// log and checkpoints.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Agent } from '../../core/agent/agent';
import { createModelProvider } from '../../core/agent/modelProvider';
import { toolSetFrom } from '../../core/agent/toolSet';
import type { AuditAnchor } from '../../core/audit/heads';
import type { CheckpointStore } from '../../core/checkpoints/store';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import { editFileTool } from '../../core/tools/editFile';
import { findFilesTool } from '../../core/tools/findFiles';
import { languageTools } from '../../core/tools/languageTools';
import { listDirTool } from '../../core/tools/listDir';
import { readFileTool } from '../../core/tools/readFile';
import { searchTool } from '../../core/tools/search';
import type { ApprovalDecision, ApprovalRequest, Approver } from '../../core/changes/approval';
import type { Tool } from '../../core/tools/types';
import { writeFileTool } from '../../core/tools/writeFile';
import { auditRecorder } from '../audit/auditRecorder';
import { readAgentSettings } from '../agent/settings';
import { OpenTextDocuments, WorkspaceApplier } from '../agent/workspaceApplier';
import { VsCodeLanguageService } from '../agent/languageService';
import type { ApiKeyStore } from '../model/apiKey';
import type { InlineReviews } from './inlineReview';
import { editorHooks } from '../agent/hooks';
import { settingsReviewer } from '../agent/reviewer';

export interface InlineAgentDeps {
  keys: ApiKeyStore;
  reviews: InlineReviews;
  audit?: AuditAnchor;
  checkpoints: (root: string) => CheckpointStore | undefined;
}

/** Answers the inline agent's approval requests: edits of the one file go to the in-place review. */
export class InlineApprover implements Approver {
  constructor(
    private readonly file: string,
    private readonly uri: vscode.Uri,
    private readonly reviews: InlineReviews,
  ) {}

  async request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (!vscode.workspace.isTrusted) return { approved: false, reason: 'This workspace is not trusted: inline chat may answer but not edit.' };
    if (req.type !== 'edit') return { approved: false, reason: `Inline chat only edits ${this.file}; it does not ${req.type === 'command' ? 'run commands' : req.type === 'read' ? 'read files outside the workspace' : 'call other tools'}.` };
    const other = req.changes.find((c) => c.path !== this.file || c.kind !== 'update');
    if (other || req.changes.length !== 1) return { approved: false, reason: `Inline chat edits only ${this.file} (an update of that one file); propose the change to ${other?.newPath ?? other?.path ?? 'the other files'} from the chat panel instead.` };
    return this.reviews.review(req.changes[0], this.uri, (req.findings ?? []).filter((f) => f.path === this.file), signal);
  }
}

const READ_ONLY: Tool[] = [readFileTool, listDirTool, findFilesTool, searchTool] as Tool[];

/** A fresh agent for one inline request on `uri`; a string says why there is none. */
export async function inlineAgent(deps: InlineAgentDeps, uri: vscode.Uri, task: { id: string; title: string }): Promise<{ agent: Agent; file: string } | string> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder || folder.uri.scheme !== 'file') return 'Inline chat works on files inside the open workspace folder.';
  const file = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
  const s = readAgentSettings();
  const trusted = vscode.workspace.isTrusted;
  const root = await canonicalRoot(folder.uri.fsPath);
  // The same hooks and reviewer as the panel's agent (the workspace's hooks only when trusted and enabled).
  let hooks: Awaited<ReturnType<typeof editorHooks>>;
  try {
    hooks = s.hooks ? await editorHooks(root, trusted, s.commandEnv) : undefined;
  } catch (err) {
    void vscode.window.showErrorMessage(`Tandem hooks are not available: ${(err as Error).message}`);
  }
  const reviewer = settingsReviewer(s, deps.keys.get());
  const agent = new Agent({
    provider: createModelProvider(s.api, { baseUrl: s.baseUrl, apiKey: deps.keys.get() }),
    model: s.model,
    workspaceRoot: root,
    recorder: auditRecorder(folder, deps.audit, { taskId: () => task.id, task: () => task.title }),
    tools: toolSetFrom([...READ_ONLY, ...languageTools(new VsCodeLanguageService()), editFileTool as Tool, writeFileTool as Tool]),
    approver: new InlineApprover(file, uri, deps.reviews),
    checkpoints: trusted ? deps.checkpoints(root) : undefined,
    // Its tools write only through the applier: the one snapshot after an edit makes the turn start too.
    lazyCheckpoints: true,
    taskId: () => task.id,
    applier: new WorkspaceApplier(folder.uri),
    approvalMode: 'suggest',
    allowedCommands: [],
    maxSteps: Math.min(s.maxSteps, 12),
    contextWindow: s.contextWindow || undefined,
    documents: new OpenTextDocuments(),
    guardDisabledRules: s.guardDisabledRules,
    canApprove: true,
    ...(hooks ? { hooks } : {}),
    ...(reviewer ? { reviewer } : {}),
  });
  return { agent, file };
}
