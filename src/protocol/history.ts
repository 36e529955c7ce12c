// The messages and state of the panel's task history (rename, delete, search) and of "New task"
// while a task runs (the panel asks before stopping it). Part of the panel protocol (messages.ts).
import * as z from 'zod';

const TaskId = z.string().min(1).max(200);

export const historyMessages = [
  /** An empty or blank name reaches the extension, which says why it is refused. */
  z.object({ type: z.literal('renameTask'), taskId: TaskId, title: z.string().max(10_000) }),
  /** Asked in the panel first; the change log under .tandem/ is not touched. */
  z.object({ type: z.literal('deleteTask'), taskId: TaskId }),
  /** Title and message text, any case; answered with taskSearchResults carrying the same seq. */
  z.object({ type: z.literal('searchTasks'), query: z.string().max(1000), seq: z.number().int() }),
  /** The answer to "Stop the current task and start a new one?". */
  z.object({ type: z.literal('answerNewTask'), stop: z.boolean() }),
] as const;

export const HistoryState = z.object({
  /** Stored entries that could not be read (skipped, left on disk). */
  historyNotes: z.array(z.string()).optional(),
  /** Set while the panel asks whether to stop the running task for a new one. */
  newTaskQuestion: z.string().optional(),
});

export const TaskSearchResults = z.object({ type: z.literal('taskSearchResults'), seq: z.number(), ids: z.array(z.string()) });
export type TaskSearchResults = z.infer<typeof TaskSearchResults>;
