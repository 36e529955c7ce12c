// The domain's central value: a change the agent proposes to one file, and the error raised when the
// file moved on before the change could be applied. Every layer that judges, shows, applies or records
// changes (guard, edits, audit, checkpoints, tools, the hosts) imports it from here, below all of them.
import { ToolCallError } from '../util/errors';

/** A change the agent wants to make; nothing touches disk until an approver accepts it. */
export interface ProposedChange {
  id: string;
  /** Workspace-relative path with forward slashes. */
  path: string;
  kind: 'create' | 'update' | 'delete' | 'move';
  /** For 'move': the new workspace-relative path. */
  newPath?: string;
  /** Content the proposal was computed against; undefined when the file does not exist. */
  oldText?: string;
  /** Proposed content; undefined for 'delete'. */
  newText?: string;
  /** Unified diff for display. */
  diff: string;
  added: number;
  removed: number;
}

/** The file changed after the proposal was made; the model must re-read it. */
export class StaleChangeError extends ToolCallError {
  constructor(path: string) {
    super(`${path} changed after this edit was proposed, so the edit was not applied. Read the file again and redo the edit against its current content.`);
    this.name = 'StaleChangeError';
  }
}
