// The contract every agent tool meets (built-in and MCP alike) and that the agent loop relies on:
// one zod schema validates arguments, yields the JSON Schema sent to the model, and types invoke().
import type * as z from 'zod';
import type { Finding } from '../guard/finding';
import type { ImagePart } from '../llm/provider';
import type { Sandbox } from '../sandbox/sandbox';
import type { EditDiagnostics } from './languageService';
import { ToolCallError } from '../util/errors';

// Re-exported: every tool throws it; it is defined below the tool layer (see util/errors.ts).
export { ToolCallError };

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

/** Hunks (by index, see edits/hunks.ts) of one change that the user rejected, with their reasons. */
export type RejectedHunks = Array<{ index: number; reason?: string }>;

export type ApprovalDecision =
  /**
   * `remember`: the user chose "always allow" (MCP tools remember it per workspace).
   * `rejectedHunks`: per change id, the hunks left out; the rest of the change is applied.
   * `command`: the user edited the command before allowing it; it is judged again before it runs.
   */
  | { approved: true; remember?: boolean; rejectedHunks?: Record<string, RejectedHunks>; command?: string }
  | { approved: false; reason?: string };

/** What needs a human (or policy) decision. */
export type ApprovalRequest =
  | { type: 'edit'; changes: ProposedChange[]; toolCallId: string; findings?: Finding[] }
  | { type: 'command'; command: string; cwd: string; toolCallId: string; reason: string }
  | { type: 'tool'; toolName: string; args: unknown; toolCallId: string; reason: string }
  | { type: 'read'; path: string; toolCallId: string; reason: string };

/** Port through which core asks for decisions; the panel, the CLI and tests implement it. */
export interface Approver {
  request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}

/** Port that applies approved changes (VS Code: WorkspaceEdit; CLI and tests: the file system). */
export interface ChangeApplier {
  /** Applies one approved change; throws StaleChangeError when the file no longer matches oldText. */
  apply(change: ProposedChange, signal: AbortSignal): Promise<void>;
}

export interface ToolContext {
  /** Absolute, canonical (real) path of the workspace root. */
  workspaceRoot: string;
  approver: Approver;
  applier: ChangeApplier;
  approvalMode: 'suggest' | 'auto-edit' | 'full-auto';
  allowedCommands: string[];
  toolCallId: string;
  /** Streams partial output of long-running tools (command output) to the UI. */
  onOutput?: (chunk: string) => void;
  /** The parent environment child processes pick their allowlisted variables from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** tandem.agent.env: variable names passed to commands, or NAME=value entries. */
  commandEnv?: string[];
  /** Confines commands to the workspace; without one commands run unconfined and full-auto asks. */
  sandbox?: Sandbox;
  /** Open editor documents: their text (unsaved edits included) is the base an edit is made against. */
  documents?: OpenDocuments;
  /** Guard rule ids switched off (tandem.guard.disabledRules). */
  guardDisabledRules?: string[];
  /** Records every applied change (the audit ledger); the host knows the task and model. */
  recorder?: ChangeRecorder;
  /** An extra scanner (e.g. a SAST tool served over MCP), run in addition to the built-in rules. */
  externalScanner?: (change: ProposedChange, signal: AbortSignal) => Promise<Finding[]>;
  /** The editor's language servers: errors an applied edit introduces are told to the model (none in the CLI). */
  editDiagnostics?: EditDiagnostics;
}

export interface ChangeRecorder {
  /** `restoredFrom`: the change is part of restoring that checkpoint (not written by the model). */
  record(applied: { change: ProposedChange; approvedBy: 'user' | 'policy'; findings: Finding[]; restoredFrom?: string }): Promise<void>;
}

/** Port to the editor's open documents (VS Code implements it; the CLI has none). */
export interface OpenDocuments {
  /** The open document's current text for an absolute path, or undefined when it is not open. */
  textOf(absPath: string): string | undefined;
}

export interface ToolResult {
  /** Text given back to the model. */
  output: string;
  /** True when the call failed in a way the model should correct; the turn goes on. */
  isError?: boolean;
  /** Structured details for renderers (exit code, changes applied, …). */
  meta?: Record<string, unknown>;
  /** Images the tool returned (MCP), passed on to models that accept images. */
  images?: ImagePart[];
}

export interface Tool<Args = unknown> {
  readonly name: string;
  readonly description: string;
  readonly schema: z.ZodType<Args>;
  /** The JSON Schema sent to the model when it does not come from `schema` (MCP tools). */
  readonly inputJsonSchema?: Record<string, unknown>;
  /** True when the tool may change the workspace or the outside world. */
  readonly mutating: boolean;
  invoke(args: Args, ctx: ToolContext, signal: AbortSignal): Promise<ToolResult>;
}


/** An error that ends the turn (the workspace is gone, the user cancelled, …). */
export class FatalToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalToolError';
  }
}

/** The file changed after the proposal was made; the model must re-read it. */
export class StaleChangeError extends ToolCallError {
  constructor(path: string) {
    super(`${path} changed after this edit was proposed, so the edit was not applied. Read the file again and redo the edit against its current content.`);
    this.name = 'StaleChangeError';
  }
}
