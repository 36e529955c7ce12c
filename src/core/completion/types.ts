// The contract between the completion engine (pure logic) and whoever drives it (the VS Code inline
// provider, tests, benchmarks). Nothing here may import `vscode`.
import type { LlmError } from '../llm/errors';
import type { Snippet } from './templates';

/** A document seen line by line, so building a prompt costs O(window), never O(file). */
export interface LineSource {
  readonly lineCount: number;
  /** The text of line `n` (0-based) without its line break. */
  lineAt(n: number): string;
}

export interface CompletionDocument extends LineSource {
  /** Stable identity (a URI string). */
  readonly uri: string;
  /** Workspace-relative path shown to the model ("src/app.ts"). */
  readonly relativePath: string;
  readonly languageId: string;
  /** Increases on every edit. */
  readonly version: number;
}

export interface Position {
  line: number;
  character: number;
}

/** Another file that may hold useful context: open editors and recently edited files. */
export interface RelatedFile {
  readonly uri: string;
  readonly relativePath: string;
  readonly languageId: string;
  readonly version: number;
  /** Full text; called at most once per version (the engine caches what it derives from it). */
  getText(): string;
}

export interface RelatedFilesSource {
  /** Related files, most recently used first, excluding `currentUri`. */
  files(currentUri: string): RelatedFile[];
}

export interface CompletionConfig {
  enabled: boolean;
  baseUrl: string;
  apiKey?: string;
  model: string;
  api: 'completions' | 'chat';
  debounceMs: number;
  maxTokens: number;
  disabledLanguages: string[];
  /** Milliseconds before a completion request is abandoned. */
  timeoutMs: number;
  /** The model's context length in tokens; 0 or absent: guessed from the model name. */
  contextTokens?: number;
  /** Multi-line completions: where they make sense (auto), always, or never. */
  multiline?: 'auto' | 'always' | 'never';
  /** A named FIM format, 'auto', or a user template with {prefix}, {suffix}, {filename}, {language}. */
  template?: string;
}

/** Context for the cursor from sources that may be slow (definitions, the clipboard). */
export interface ContextSnippetSource {
  snippets(document: CompletionDocument, position: Position, signal: AbortSignal): Promise<Snippet[]>;
}

/** The user's recent activity (edited and visited ranges), most relevant first. Cheap and synchronous. */
export interface RecentSnippetSource {
  recent(currentUri: string): Snippet[];
}

export interface CompletionRequest {
  document: CompletionDocument;
  position: Position;
  /** Aborted when the request is stale (the VS Code token was cancelled). */
  signal: AbortSignal;
  /** True when the user asked explicitly (trigger command) rather than by typing. */
  explicit?: boolean;
  /**
   * The item selected in the suggest widget, as characters of the cursor line it would replace
   * [start, end) and its text: the completion must extend it.
   */
  selected?: { start: number; end: number; text: string };
}

export interface CompletionResult {
  /** Text inserted at the cursor. */
  insertText: string;
  /**
   * Characters after the cursor on the cursor's line that `insertText` replaces (e.g. a closing
   * bracket the completion also writes); 0 when it only inserts.
   */
  replaceAfter: number;
  fromCache: boolean;
  /** Characters before the cursor on its line that `insertText` replaces (a selected suggestion's word). */
  replaceBefore?: number;
}

export type CompletionStatus =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'disabled' }
  | { state: 'error'; error: LlmError };
