// Owns the shapes every part of the command and edit policy returns: ordered decisions
// (allow < ask < forbid, the strictest part wins) with a reason the user reads.
import type { Word } from './shellWords';

export type Decision = 'allow' | 'ask' | 'forbid';

export interface CommandVerdict {
  decision: Decision;
  /** A sentence fragment saying why ("the command deletes the whole disk"). */
  reason: string;
  /**
   * Secret files of the workspace the command names to read (absolute, canonical root): hidden
   * (empty) inside the sandbox unless the user approves this command, which shows it these files.
   */
  secretReads?: string[];
}

const RANK: Record<Decision, number> = { allow: 0, ask: 1, forbid: 2 };

/** The strictest of the verdicts (the first one among equals, so the earliest reason is shown). */
export function strictest(verdicts: CommandVerdict[], fallback: CommandVerdict): CommandVerdict {
  return verdicts.reduce((worst, v) => (RANK[v.decision] > RANK[worst.decision] ? v : worst), fallback);
}

export type ReadOnlyResult =
  /** Not a read-only program: the caller asks (unless the user allowed it). */
  | { kind: 'unknown' }
  | { kind: 'ask'; reason: string }
  /** Read-only as written, provided every path in `paths` (and below `searchDirs`) passes. */
  | {
      kind: 'ok';
      paths: Word[];
      searchDirs?: Word[];
      skipHidden?: boolean;
      /** Only names and metadata are shown (ls, stat, find): secret files may be named, not read. */
      namesOnly?: boolean;
    };
