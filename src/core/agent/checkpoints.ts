// Owns when the agent takes checkpoints: at the start of every turn (before the user's message, so the
// conversation can be rewound to it) and after every call of a tool that may change the workspace
// (edits, commands, MCP tools), whether or not it reported an error — a failing command can still
// have changed files. Each one is announced as a `checkpoint` event; a store that fails is said once
// per turn and never ends the turn.
//
// Lazy (tandem exec, the panel, inline chat): the turn-start checkpoint is owed, not taken, until
// something may change a file. Before the first command or MCP call it is taken then; for an edit,
// the applier keeps the edited files' pre-images and the one snapshot after the edit makes both
// checkpoints. A turn that only reads takes none. The snapshot after a call is written while the
// next model request is out, and waited for before anything may change a file again.
import { capturePreImages } from '../checkpoints/preImage';
import type { BeforeState, Checkpoint, CheckpointMeta, PreImage } from '../checkpoints/store';
import type { ChangeApplier } from '../changes/ports';
import type { AgentEventListener } from './events';

/** The port to a checkpoint store (core's CheckpointStore implements it). */
export interface CheckpointTaker {
  take(meta: CheckpointMeta, signal?: AbortSignal, before?: BeforeState): Promise<Checkpoint & { before?: Checkpoint }>;
}

export interface CheckpointPoint {
  reason: string;
  /** The model call the checkpoint follows (none at a turn's start). */
  step?: number;
  /** The tool call it follows. */
  toolCallId?: string;
}

export interface TakeCheckpoint {
  (at: CheckpointPoint, signal: AbortSignal): Promise<void>;
  /** Before a call of a mutating tool (`appliesChangesOnly`: it writes only through the applier). */
  beforeCall?(appliesChangesOnly: boolean, signal: AbortSignal): Promise<void>;
  /** The applier the tools get: it keeps pre-images while the turn start is owed. */
  applier?(inner: ChangeApplier, root: string): ChangeApplier;
  /** At the turn's end: snapshots still being written end, and what is still owed after a change (a cancelled call) is taken now. */
  settle?(): Promise<void>;
  /** Waits for the snapshots still being written (before anything else may change files: a hook, a mutating call). */
  flush?(): Promise<void>;
}

/** A taker for one turn (a failure is said once per turn). */
export function checkpointTaker(store: CheckpointTaker, emit: AgentEventListener, task: () => { task?: string; taskId?: string }, lazy = false): TakeCheckpoint {
  let failed = false;
  let owed: CheckpointPoint | undefined;
  const preImages = new Map<string, PreImage>();
  const meta = (at: CheckpointPoint): CheckpointMeta => ({ reason: at.reason, ...task(), ...(at.step !== undefined ? { step: at.step } : {}) });
  const announce = (at: CheckpointPoint, cp: Checkpoint) => emit({ type: 'checkpoint', ...at, id: cp.id, files: cp.files, ...(cp.skipped?.length ? { skipped: cp.skipped } : {}) });
  const take = async (at: CheckpointPoint, signal: AbortSignal) => {
    const first = owed;
    owed = undefined;
    const images = [...preImages.values()];
    preImages.clear();
    try {
      const cp = await store.take(meta(at), signal, first ? { meta: meta(first), preImages: images } : undefined);
      if (first) announce(first, cp.before ?? cp);
      announce(at, cp);
    } catch (err) {
      if (signal.aborted || failed) return;
      failed = true;
      emit({ type: 'checkpoint', ...(first ?? at), error: `No checkpoint could be taken, so this step cannot be restored: ${err instanceof Error ? err.message : String(err)}` });
    }
  };
  // Lazy: the snapshot after a call is written while the next model request is out; nothing that may
  // change a file runs before it ends (beforeCall, flush), and the turn ends after it (settle).
  let writing: Promise<void> = Promise.resolve();
  const taker: TakeCheckpoint = async (at, signal) => {
    if (lazy && at.reason === 'turn start') {
      owed = at;
      return;
    }
    // Only tools that write through the applier can leave the start owed: none applied anything.
    if (owed && preImages.size === 0) return;
    if (!lazy) return take(at, signal);
    // Not cancelled with the turn: a Stop during the next request must not lose the state after the call.
    writing = writing.then(() => take(at, new AbortController().signal));
  };
  if (!lazy) return taker;
  taker.flush = () => writing;
  taker.beforeCall = async (appliesChangesOnly, signal) => {
    await writing;
    if (!owed || appliesChangesOnly) return;
    const at = owed;
    owed = undefined;
    await take(at, signal);
  };
  taker.applier = (inner, root) => ({
    apply: async (change, signal) => {
      if (owed) {
        for (const rel of [change.path, ...(change.newPath ? [change.newPath] : [])]) {
          for (const image of await capturePreImages(root, rel)) if (!preImages.has(image.path)) preImages.set(image.path, image);
        }
      }
      return inner.apply(change, signal);
    },
  });
  taker.settle = async () => {
    await writing;
    if (owed && preImages.size) await take({ reason: 'turn end' }, new AbortController().signal);
  };
  return taker;
}
