// The ports through which approved changes leave core: the applier that writes them (VS Code: a
// WorkspaceEdit; CLI and tests: the file system), the recorder that logs them (the audit ledger) and the
// editor's open documents an edit is made against.
import type { ProposedChange } from './change';
import type { Finding } from './finding';

/** Port that applies approved changes (VS Code: WorkspaceEdit; CLI and tests: the file system). */
export interface ChangeApplier {
  /** Applies one approved change; throws StaleChangeError when the file no longer matches oldText. */
  apply(change: ProposedChange, signal: AbortSignal): Promise<void>;
}

export interface ChangeRecorder {
  /** Throws (with the sentence to show) when a change could not be recorded now; called before a change is written. */
  check?(): Promise<void>;
  /** `restoredFrom`: the change is part of restoring that checkpoint (not written by the model). */
  record(applied: { change: ProposedChange; approvedBy: 'user' | 'policy'; findings: Finding[]; restoredFrom?: string }): Promise<void>;
}

/** Port to the editor's open documents (VS Code implements it; the CLI has none). */
export interface OpenDocuments {
  /** The open document's current text for an absolute path, or undefined when it is not open. */
  textOf(absPath: string): string | undefined;
}
