// Owns what a task's turn ends with: the files the turn's edits wrote (each with its text from before
// the turn, and the lines added and removed between that and its text now, so an edit undone later in
// the turn counts for nothing) and how the last test run — else the last command — it made ended.
// `card()` is the panel's summary card; `summary()` the same in one line.
import { splitHunks } from '../edits/hunks';
import type { AgentEvent } from './events';

/** One file the turn changed. */
export interface ChangedFile {
  /** Where the file is now (its new path after a move). */
  path: string;
  /** Where it was before the turn, when it moved. */
  from?: string;
  added: number;
  removed: number;
  /** It did not exist before the turn / does not exist now. */
  created?: boolean;
  deleted?: boolean;
}

/** The last command of the turn: a test run when it made one, else its last command. */
export interface CommandResult {
  command: string;
  passed: boolean;
  isTest: boolean;
}

export interface SummaryCard {
  /** "3 files changed", "1 file changed", "No files changed". */
  title: string;
  files: ChangedFile[];
  check?: CommandResult;
}

interface Tracked {
  /** Path before the turn (the first change's path). */
  origin: string;
  /** Text before the turn; undefined when the file did not exist. */
  before: string | undefined;
  /** Text now; undefined when deleted. */
  after: string | undefined;
}

interface AppliedChange {
  path: string;
  newPath?: string;
  kind?: string;
  oldText?: string;
  newText?: string;
}

export const TEST_COMMAND = /(?:^|[\s;&|/])(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?test\b|\b(?:pytest|jest|vitest|mocha|go\s+test|cargo\s+test|dotnet\s+test|mvn\s+test|gradle\w*\s+test|rspec|phpunit|ctest)\b/;

/** Lines added and removed from `before` to `after` (absent files are empty). */
export function lineCounts(before: string | undefined, after: string | undefined): { added: number; removed: number } {
  const hunks = splitHunks(before ?? '', after ?? '', 0);
  return { added: hunks.reduce((n, h) => n + h.newLines, 0), removed: hunks.reduce((n, h) => n + h.oldLines, 0) };
}

/** Collects one turn's events. */
export class TurnSummary {
  /** By the file's current path. */
  private readonly files = new Map<string, Tracked>();
  private readonly commands = new Map<string, string>();
  private tests: CommandResult | undefined;
  private lastCommand: CommandResult | undefined;

  add(e: AgentEvent): void {
    if (e.type === 'toolCallStarted' && e.name === 'run_command') {
      try {
        this.commands.set(e.id, String((JSON.parse(e.arguments) as { command?: unknown }).command ?? ''));
      } catch {
        // unparsable arguments: the tool itself reports them to the model
      }
    } else if (e.type === 'approvalResolved' && e.command !== undefined && this.commands.has(e.toolCallId)) {
      // The user edited the command before it ran: the card names what ran, not what the model asked.
      this.commands.set(e.toolCallId, e.command);
    } else if (e.type === 'toolCallFinished') {
      const changes = e.meta?.applied ? (e.meta.changes as AppliedChange[] | undefined) : undefined;
      for (const c of changes ?? []) this.track(c);
      const command = this.commands.get(e.id);
      if (command && typeof e.meta?.exitCode === 'number') {
        const result = { command, passed: e.meta.exitCode === 0, isTest: TEST_COMMAND.test(command) };
        this.lastCommand = result;
        if (result.isTest) this.tests = result;
      }
    }
  }

  private track(c: AppliedChange): void {
    const now = c.newPath ?? c.path;
    const earlier = this.files.get(c.path);
    if (earlier && now !== c.path) this.files.delete(c.path);
    this.files.set(now, {
      origin: earlier?.origin ?? c.path,
      before: earlier ? earlier.before : c.kind === 'create' ? undefined : (c.oldText ?? undefined),
      after: c.kind === 'delete' ? undefined : (c.newText ?? ''),
    });
  }

  /** The text a file had before the turn (by its current path); undefined when it did not exist or the turn did not change it. */
  textBefore(path: string): string | undefined {
    return this.files.get(path)?.before;
  }

  changedFiles(): ChangedFile[] {
    const out: ChangedFile[] = [];
    for (const [path, t] of this.files) {
      if (t.before === t.after && t.origin === path) continue; // changed and changed back
      const counts = lineCounts(t.before, t.after);
      out.push({ path, ...(t.origin !== path ? { from: t.origin } : {}), ...counts, ...(t.before === undefined ? { created: true } : {}), ...(t.after === undefined ? { deleted: true } : {}) });
    }
    return out;
  }

  /** Undefined when the turn changed no file and ran no command. */
  card(): SummaryCard | undefined {
    const files = this.changedFiles();
    const check = this.tests ?? this.lastCommand;
    if (files.length === 0 && !check) return undefined;
    const title = files.length === 0 ? 'No files changed' : `${files.length} file${files.length === 1 ? '' : 's'} changed`;
    return { title, files, ...(check ? { check } : {}) };
  }

  summary(): string | undefined {
    const card = this.card();
    if (!card) return undefined;
    const parts: string[] = [];
    if (card.files.length) parts.push(`${card.title}: ${card.files.map((f) => `${f.path} (+${f.added} −${f.removed})`).join(', ')}`);
    if (card.check) parts.push(`${card.check.isTest ? 'tests' : 'last command'} ${card.check.passed ? 'passed' : 'failed'} (${card.check.command})`);
    return parts.join(' · ');
  }
}
