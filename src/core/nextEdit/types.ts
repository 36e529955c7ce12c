// The contract between the next-edit engine (pure logic) and whoever drives it (the VS Code
// controller, tests, benchmarks). Nothing here may import `vscode`.
import type { Position } from '../completion/types';

/** One replacement in document coordinates: [start, end) becomes `text`. */
export interface TextEdit {
  start: Position;
  end: Position;
  text: string;
  /** What [start, end) held when the edit was predicted (checked again before it is shown or applied). */
  oldText: string;
}

export type NextEditFormat = 'zeta' | 'chat';

export interface NextEditConfig {
  enabled: boolean;
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** 'auto' picks Zeta's format for a model named like Zeta, the chat format otherwise. */
  format: 'auto' | NextEditFormat;
  /** Ceiling of the adaptive wait after the last edit, in milliseconds. */
  debounceMs: number;
  maxTokens: number;
  timeoutMs: number;
}

/** What a model predicted for one document version. */
export interface NextEditPrediction {
  uri: string;
  /** The document version the prediction was made for: any other version makes it stale. */
  version: number;
  /** In document order, none overlapping. */
  edits: TextEdit[];
  format: NextEditFormat;
}
