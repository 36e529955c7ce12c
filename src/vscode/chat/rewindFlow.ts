// Owns going back to a checkpoint from a panel item (Restore on a message or step, and the first half
// of Edit and Retry): which checkpoint it goes to (rewindTarget.ts), the preview and one
// confirmation, the conversation cut checked before any file is touched, the files restored and
// recorded in the change log, then the conversation cut and the panel told. The controller supplies
// what it holds (RewindHost).
import * as vscode from 'vscode';
import type { Agent } from '../../core/agent/agent';
import { rewindLength, RewindError, type RewindPoint } from '../../core/agent/rewind';
import type { Session } from '../../core/agent/session';
import { recordRestore } from '../../core/checkpoints/record';
import type { CheckpointStore } from '../../core/checkpoints/store';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import type { PanelState } from '../../protocol/messages';
import type { auditRecorder } from '../audit/auditRecorder';
import { confirmRestore, restoreFiles } from '../checkpoints/restoreFlow';
import { nextItemId as nextId } from './panelReducer';
import { rewindTarget } from './rewindTarget';

export interface RewindHost {
  state(): PanelState;
  refuse(message: string): false;
  notice(text: string): void;
  update(mut: (s: PanelState) => void): void;
  ensureAgent(): Promise<Agent | string>;
  checkpoints(root: string): CheckpointStore | undefined;
  recorder(folder: vscode.WorkspaceFolder): ReturnType<typeof auditRecorder>;
  /** The preview is on screen. */
  pickerShown(): void;
  /** The reducer's last checkpoint no longer applies. */
  forgetLastCheckpoint(): void;
  saveTask(session?: unknown): void;
}

export async function rewindFlow(h: RewindHost, itemId: string, conversation: 'optional' | 'required', label?: string): Promise<boolean> {
  if (h.state().running) return h.refuse('Stop the running task before going back to a checkpoint.');
  const index = h.state().items.findIndex((i) => i.id === itemId);
  const item = h.state().items[index];
  const folder = vscode.workspace.workspaceFolders?.[0];
  const target = rewindTarget(h.state().items, index);
  if ('refused' in target) return h.refuse(target.refused);
  if (!target.checkpointId && conversation !== 'required') return h.refuse('No file changed since this message, so there is nothing to restore; Edit sends it again from here.');
  const checkpointId = target.checkpointId;
  const store = folder && vscode.workspace.isTrusted ? h.checkpoints(await canonicalRoot(folder.uri.fsPath)) : undefined;
  if (!folder || (checkpointId && !store)) return h.refuse('Checkpoints are off (tandem.checkpoints.enabled) or the workspace is not trusted.');
  const point: RewindPoint | undefined = item.kind === 'tool' ? { kind: 'afterCall', toolCallId: item.id } : item.kind === 'user' && item.rewind ? { kind: 'beforeTurn', messageCount: item.rewind[0], compactions: item.rewind[1] } : undefined;
  const choice = await confirmRestore(checkpointId && store ? { store, id: checkpointId } : undefined, folder.uri, conversation, label, h.pickerShown);
  if (!choice) return false;
  const agent = choice === 'filesAndConversation' ? await h.ensureAgent() : undefined;
  if (typeof agent === 'string') return h.refuse(agent);
  // Check the conversation can be cut before any file is touched.
  let cutAt = h.state().items.length;
  let keep: number | undefined;
  if (agent) {
    if (!point) return h.refuse('This message has no recorded place in the conversation, so it cannot be cut back there.');
    try {
      keep = rewindLength(agent.session, point);
    } catch (err) {
      if (err instanceof RewindError) return h.refuse(err.message);
      throw err;
    }
    cutAt = item.kind === 'user' ? index : endOfStep(h.state().items, agent.session, item.id, index);
  }
  let said = 'Cut the conversation back to before this message; no file needed restoring (the agent changed none since).';
  if (checkpointId && store) {
    const { undoId, changed } = await restoreFiles(store, folder.uri, checkpointId, { task: h.state().title, taskId: h.state().taskId });
    const recorder = h.recorder(folder);
    const unrecorded = recorder ? await recordRestore(recorder, store, checkpointId, undoId, changed) : undefined;
    if (unrecorded) h.notice(unrecorded);
    said = `Restored ${changed.length} file${changed.length === 1 ? '' : 's'} to checkpoint ${checkpointId}${agent ? ' and cut the conversation back there' : ''}. The state before the restore is checkpoint ${undoId} (Tandem: Restore Checkpoint… undoes it).`;
  }
  // The conversation is cut only once the files are back: a failed restore leaves both as they were.
  if (agent && keep !== undefined) agent.session.truncate(keep);
  h.forgetLastCheckpoint();
  h.update((s) => {
    s.items = s.items.slice(0, cutAt);
    s.items.push({ kind: 'notice', id: nextId('n'), text: said, level: 'info' });
  });
  h.saveTask(agent ? agent.session.toJSON() : undefined);
  return true;
}

/** The index just past the panel items of the step that made `callId`. */
function endOfStep(items: PanelState['items'], session: Session, callId: string, index: number): number {
  const step = session.messages.find((m) => m.role === 'assistant' && m.toolCalls?.some((c) => c.id === callId));
  const ids = new Set(step?.role === 'assistant' ? (step.toolCalls ?? []).map((c) => c.id) : [callId]);
  let end = index;
  items.forEach((i, n) => {
    if (i.kind === 'tool' && ids.has(i.id)) end = Math.max(end, n);
  });
  return end + 1;
}
