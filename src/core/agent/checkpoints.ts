// Owns when the agent takes checkpoints: at the start of every turn (before the user's message, so the
// conversation can be rewound to it) and after every call of a tool that may change the workspace
// (edits, commands, MCP tools), whether or not it reported an error — a failing command can still
// have changed files. Each one is announced as a `checkpoint` event; a store that fails is said once
// per turn and never ends the turn.
import type { Checkpoint, CheckpointMeta } from '../checkpoints/store';
import type { AgentEventListener } from './events';

/** The port to a checkpoint store (core's CheckpointStore implements it). */
export interface CheckpointTaker {
  take(meta: CheckpointMeta, signal?: AbortSignal): Promise<Checkpoint>;
}

export interface CheckpointPoint {
  reason: string;
  /** The model call the checkpoint follows (none at a turn's start). */
  step?: number;
  /** The tool call it follows. */
  toolCallId?: string;
}

export type TakeCheckpoint = (at: CheckpointPoint, signal: AbortSignal) => Promise<void>;

/** A taker for one turn (a failure is said once per turn). */
export function checkpointTaker(store: CheckpointTaker, emit: AgentEventListener, task: () => { task?: string; taskId?: string }): TakeCheckpoint {
  let failed = false;
  return async (at, signal) => {
    const { reason, step } = at;
    try {
      const cp = await store.take({ reason, ...task(), ...(step !== undefined ? { step } : {}) }, signal);
      emit({ type: 'checkpoint', ...at, id: cp.id, files: cp.files, ...(cp.skipped?.length ? { skipped: cp.skipped } : {}) });
    } catch (err) {
      if (signal.aborted || failed) return;
      failed = true;
      emit({ type: 'checkpoint', ...at, error: `No checkpoint could be taken, so this step cannot be restored: ${err instanceof Error ? err.message : String(err)}` });
    }
  };
}
