// The contract every agent tool meets (built-in and MCP alike) and that the agent loop relies on:
// one zod schema validates arguments, yields the JSON Schema sent to the model, and types invoke().
import type * as z from 'zod';
import type { Approver } from '../changes/approval';
import type { ProposedChange } from '../changes/change';
import type { Finding } from '../changes/finding';
import type { ChangeApplier, ChangeRecorder, OpenDocuments } from '../changes/ports';
import type { ChangeReviewer } from '../changes/review';
import type { ImagePart } from '../llm/provider';
import type { Sandbox } from '../sandbox/sandbox';
import type { ProtectedChange } from '../sandbox/protectedSet';
import type { EditDiagnostics } from './languageService';
import { ToolCallError } from '../util/errors';

// Re-exported: every tool throws it; it is defined below the tool layer (see util/errors.ts).
export { ToolCallError };

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
  /** A command changed files that run later (sandbox/protectedSet.ts): the host shows them with Undo. */
  onProtectedChanges?: (changes: ProtectedChange[]) => void;
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
  /** The model reviewer (tandem.review.model): a second opinion on each edit before it is shown; its high findings make every mode ask. */
  reviewer?: ChangeReviewer;
  /** The editor's language servers: errors an applied edit introduces are told to the model (none in the CLI). */
  editDiagnostics?: EditDiagnostics;
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
  /** True when the tool changes files only by applying ProposedChanges through ctx.applier (no checkpoint is needed before it). */
  readonly appliesChangesOnly?: boolean;
  invoke(args: Args, ctx: ToolContext, signal: AbortSignal): Promise<ToolResult>;
}

/** An error that ends the turn (the workspace is gone, the user cancelled, …). */
export class FatalToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalToolError';
  }
}

