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

export type TakeCheckpoint = (reason: string, step: number | undefined, signal: AbortSignal) => Promise<void>;

/** A taker for one turn (a failure is said once per turn). */
export function checkpointTaker(store: CheckpointTaker, emit: AgentEventListener, task: () => { task?: string; taskId?: string }): TakeCheckpoint {
  let failed = false;
  return async (reason, step, signal) => {
    try {
      const cp = await store.take({ reason, ...task(), ...(step !== undefined ? { step } : {}) }, signal);
      emit({ type: 'checkpoint', id: cp.id, reason, ...(step !== undefined ? { step } : {}), files: cp.files, ...(cp.skipped?.length ? { skipped: cp.skipped } : {}) });
    } catch (err) {
      if (signal.aborted || failed) return;
      failed = true;
      emit({ type: 'checkpoint', reason, ...(step !== undefined ? { step } : {}), error: `No checkpoint could be taken, so this step cannot be restored: ${err instanceof Error ? err.message : String(err)}` });
    }
  };
}
