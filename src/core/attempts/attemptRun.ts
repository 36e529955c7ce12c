// Owns a best-of-k run: K independent agent runs of one task, each in its own copy of the workspace
// (WorkspaceCopy) with the command sandbox confined to it, at most `parallel` at a time; each one
// verified with the test command, its changes collected, its copy removed; then the ranking. The
// agent itself comes through a port, so the CLI and the panel build it their own way.
import type { AgentEvent } from '../agent/events';
import type { TurnResult } from '../agent/turn';
import type { ProposedChange } from '../changes/change';
import { rankAttempts, type TestOutcome } from './rank';
import { makeTempFolder, removeTempFolder } from './tempFolders';
import { verifyAttempt, type VerifyOptions } from './verify';
import { listWorkspace, WorkspaceCopy } from './workspaceCopy';

export interface ModelChoice {
  model: string;
  /** The endpoint for this model; undefined: the run's default. */
  baseUrl?: string;
}

export interface AttemptSpec {
  /** 1-based. */
  index: number;
  model: ModelChoice;
  /** The copy's root: the attempt's workspace. */
  workspaceRoot: string;
}

/** Port: runs the agent for one attempt in its copy (full-auto there; the copy is thrown away). */
export type AttemptAgentRunner = (spec: AttemptSpec, task: string, signal: AbortSignal, onEvent: (e: AgentEvent) => void) => Promise<TurnResult>;

export interface AttemptResult {
  index: number;
  model: ModelChoice;
  /** How the agent's turn ended. */
  outcome: TurnResult['reason'];
  message?: string;
  tests?: TestOutcome;
  changes: ProposedChange[];
  /** Changed files that cannot be brought back as text (binary files, symbolic links). */
  notText: string[];
  /** Files the attempt changed that the user also changed meanwhile (its changes cannot be applied as they are). */
  conflicts: string[];
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  linesChanged: number;
  tokens: { input: number; output: number };
  durationMs: number;
  finishedAtMs: number;
  setupMs: number;
}

export interface AttemptRunOptions {
  workspaceRoot: string;
  task: string;
  attempts: number;
  parallel: number;
  /** Spread round-robin over the attempts. */
  models: ModelChoice[];
  runAgent: AttemptAgentRunner;
  /** Verification; undefined: attempts are ranked without tests. */
  verify?: Omit<VerifyOptions, 'sandbox'> & { sandbox?: VerifyOptions['sandbox'] };
  signal: AbortSignal;
  onAttemptStarted?: (spec: AttemptSpec) => void;
  onAttemptEvent?: (index: number, e: AgentEvent) => void;
  onAttemptFinished?: (r: AttemptResult) => void;
  /** A temp folder could not be removed (said to the user, never swallowed). */
  onCleanupError?: (message: string) => void;
}

export interface AttemptRunSummary {
  /** In attempt order (cancelled attempts that never started are absent). */
  results: AttemptResult[];
  /** Best first. */
  ranked: AttemptResult[];
  cancelled: boolean;
  /** Files linked instead of copied and nested repositories left out, for the user. */
  linked: string[];
  skipped: string[];
}

export function modelFor(models: ModelChoice[], index: number): ModelChoice {
  return models[(index - 1) % models.length];
}

async function runOne(o: AttemptRunOptions, listing: Awaited<ReturnType<typeof listWorkspace>>, index: number, started: number): Promise<AttemptResult | undefined> {
  if (o.signal.aborted) return undefined;
  const folder = await makeTempFolder(`tandem-attempt-${index}-`);
  try {
    const t0 = Date.now();
    const copy = await WorkspaceCopy.create(o.workspaceRoot, listing, folder, o.signal);
    const setupMs = Date.now() - t0;
    const spec: AttemptSpec = { index, model: modelFor(o.models, index), workspaceRoot: copy.root };
    o.onAttemptStarted?.(spec);
    const tokens = { input: 0, output: 0 };
    const turn = await o.runAgent(spec, o.task, o.signal, (e) => {
      if (e.type === 'usage') Object.assign(tokens, { input: e.totalInputTokens, output: e.totalOutputTokens });
      o.onAttemptEvent?.(index, e);
    });
    if (o.signal.aborted) return undefined;
    // The diff is taken before the tests run, so files the test run writes are not part of it.
    const diff = await copy.changes(o.signal);
    const tests = o.verify ? await verifyAttempt(copy.root, { workspaceRoot: o.workspaceRoot, ...o.verify }, o.signal) : undefined;
    if (o.signal.aborted) return undefined;
    const end = Date.now();
    const result: AttemptResult = {
      index,
      model: spec.model,
      outcome: turn.reason,
      ...(turn.message ? { message: turn.message } : {}),
      ...(tests ? { tests } : {}),
      changes: diff.changes,
      notText: diff.notText,
      conflicts: diff.conflicts,
      filesChanged: diff.changes.length + diff.notText.length + diff.conflicts.length,
      linesAdded: diff.added,
      linesRemoved: diff.removed,
      linesChanged: diff.added + diff.removed,
      tokens,
      durationMs: end - t0,
      finishedAtMs: end - started,
      setupMs,
    };
    o.onAttemptFinished?.(result);
    return result;
  } catch (err) {
    if (o.signal.aborted) return undefined;
    // One attempt failing (its copy could not be made, the agent threw) does not end the others.
    const end = Date.now();
    const failed: AttemptResult = { index, model: modelFor(o.models, index), outcome: 'error', message: err instanceof Error ? err.message : String(err), changes: [], notText: [], conflicts: [], filesChanged: 0, linesAdded: 0, linesRemoved: 0, linesChanged: 0, tokens: { input: 0, output: 0 }, durationMs: 0, finishedAtMs: end - started, setupMs: 0 };
    o.onAttemptFinished?.(failed);
    return failed;
  } finally {
    await removeTempFolder(folder).catch((err: Error) => o.onCleanupError?.(`The copy of attempt ${index} at ${folder} could not be removed (${err.message}); delete it by hand.`));
  }
}

/** Runs the attempts; never leaves a copy behind (cancelled or not). */
export async function runAttempts(o: AttemptRunOptions): Promise<AttemptRunSummary> {
  if (o.attempts < 1 || o.parallel < 1 || o.models.length === 0) throw new RangeError('A best-of-k run needs at least one attempt, one model and a parallelism of at least 1.');
  const started = Date.now();
  const scratch = await makeTempFolder('tandem-attempts-');
  let listing;
  try {
    listing = await listWorkspace(o.workspaceRoot, scratch);
  } finally {
    await removeTempFolder(scratch).catch((err: Error) => o.onCleanupError?.(`${scratch} could not be removed (${err.message}); delete it by hand.`));
  }
  const results: AttemptResult[] = [];
  let next = 1;
  const worker = async () => {
    while (next <= o.attempts && !o.signal.aborted) {
      const r = await runOne(o, listing, next++, started);
      if (r) results.push(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.parallel, o.attempts) }, worker));
  results.sort((a, b) => a.index - b.index);
  return { results, ranked: rankAttempts(results), cancelled: o.signal.aborted, linked: listing.linked, skipped: listing.skipped };
}
