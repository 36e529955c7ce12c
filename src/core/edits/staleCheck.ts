// Owns the one rule both appliers (the file system's and VS Code's) follow before writing: a change
// applies only to the exact text it was proposed against, and a move never lands on an existing file.
import { StaleChangeError, type ProposedChange } from '../changes/change';
import { ToolCallError } from '../util/errors';

/**
 * Throws when `current` (the file's text now: the open document's unsaved text in the editor, the
 * disk otherwise; undefined when it does not exist) is not what the change was proposed against.
 */
export function assertApplicable(change: ProposedChange, current: string | undefined, destinationExists = false): void {
  if (current !== change.oldText) throw new StaleChangeError(change.path);
  if (change.kind === 'move' && destinationExists) throw new ToolCallError(`Cannot move ${change.path} to ${change.newPath}: that file exists.`);
}
