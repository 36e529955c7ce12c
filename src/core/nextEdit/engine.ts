// Owns the request discipline of next-edit suggestions: after an edit pause (its own adaptive
// debounce) gather the edit history, the region and related code, ask the model in the chosen
// format, and turn its answer into edits. At most one request per burst of edits; a newer call
// cancels an older one, in flight or waiting; back-off after server failures; a bad answer is a
// line in the log, never an exception or a suggestion. Secrets and .tandemignore files never go in.
import { redactKeys } from '../secrets/redact';
import type { PathRules } from '../policy/pathRules';
import { computeBackoff, sleep } from '../llm/backoff';
import { toLlmError, type LlmError } from '../llm/errors';
import { streamCompletion } from '../llm/completions';
import { AdaptiveDebounce } from '../completion/debounce';
import { chooseSnippets, CONTEXT_TIMEBOX_MS, within } from '../completion/gather';
import { SnippetIndex } from '../completion/snippets';
import type { Snippet } from '../completion/templates';
import type { CompletionDocument, ContextSnippetSource, Position, RecentSnippetSource, RelatedFilesSource } from '../completion/types';
import { buildChatMessages, chatComplete, parseChatAnswer } from './chat';
import { regionEdits } from './edits';
import { renderHistory, type EditHistory } from './history';
import type { Parsed, PromptInput } from './markers';
import { selectRegion, type Region, type RegionOptions } from './region';
import type { NextEditConfig, NextEditFormat, NextEditPrediction } from './types';
import { buildZetaPrompt, parseZetaAnswer, zetaComplete } from './zeta';

export interface NextEditEngineOptions {
  config: () => NextEditConfig;
  history: EditHistory;
  /** Files that never go into a prompt (secrets, .tandemignore). */
  secrets?: () => PathRules;
  definitions?: ContextSnippetSource;
  recent?: RecentSnippetSource;
  related?: RelatedFilesSource;
  /** One line per answer that was not shown and why; failures of the server. */
  log?: (line: string) => void;
  onError?: (e: LlmError) => void;
  /** Called as each request leaves (tests, benchmarks). */
  onRequest?: () => void;
  region?: RegionOptions;
  /** Characters of rendered history sent at most (default 6000). */
  historyChars?: number;
  /** Tokens of related code sent at most (default 600). */
  snippetTokens?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface NextEditRequest {
  document: CompletionDocument;
  position: Position;
  signal: AbortSignal;
  /** Asked for explicitly: no debounce. */
  explicit?: boolean;
}

/** The format for a model: Zeta's for a model named like Zeta, else the chat format, unless forced. */
export function chooseFormat(setting: NextEditConfig['format'], model: string): NextEditFormat {
  if (setting === 'zeta' || setting === 'chat') return setting;
  return /zeta/i.test(model) ? 'zeta' : 'chat';
}

export class NextEditEngine {
  private readonly debounce = new AdaptiveDebounce();
  private readonly snippetIndex = new SnippetIndex();
  private current: AbortController | undefined;
  private failures = 0;
  private backoffUntil = 0;
  private disposed = false;
  /** Requests actually sent. */
  requestsSent = 0;
  /** Milliseconds of our own work in the last prediction: history, region, prompt, diffing. */
  lastOverheadMs = 0;

  constructor(private readonly opts: NextEditEngineOptions) {}

  /** A prediction for the document as it is now, or undefined. Never throws. */
  async predict(req: NextEditRequest): Promise<NextEditPrediction | undefined> {
    this.current?.abort();
    const mine = new AbortController();
    this.current = mine;
    const onAbort = () => mine.abort();
    req.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.run(req, mine.signal);
    } catch (err) {
      if (!mine.signal.aborted) this.opts.log?.(`next edit: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    } finally {
      req.signal.removeEventListener('abort', onAbort);
      if (this.current === mine) this.current = undefined;
    }
  }

  private async run(req: NextEditRequest, signal: AbortSignal): Promise<NextEditPrediction | undefined> {
    const cfg = this.opts.config();
    const doc = req.document;
    if (this.disposed || !cfg.enabled || signal.aborted) return undefined;
    const rules = this.opts.secrets?.();
    const isSecret = (p: string) => rules?.isSecret(p) ?? false;
    if (isSecret(doc.relativePath)) return undefined;
    const now = this.opts.now ?? Date.now;
    if (!req.explicit) this.debounce.keystroke(now());
    if (now() < this.backoffUntil && !req.explicit) return undefined;
    const definitions = this.opts.definitions?.snippets(doc, req.position, signal);
    const delay = req.explicit ? 0 : this.debounce.delay(cfg.debounceMs);
    if (delay > 0) {
      try {
        await (this.opts.sleep ?? sleep)(delay, signal);
      } catch {
        return undefined;
      }
    }
    if (signal.aborted) return undefined;
    const defs = await within<Snippet[]>(definitions, CONTEXT_TIMEBOX_MS, []);
    if (signal.aborted) return undefined;

    const t0 = performance.now();
    const input = this.promptInput(doc, req.position, defs, isSecret);
    if (!input) return undefined;
    const format = chooseFormat(cfg.format, cfg.model);
    const request =
      format === 'zeta'
        ? { kind: 'fim' as const, prompt: buildZetaPrompt(input) }
        : { kind: 'chat' as const, messages: buildChatMessages(input) };
    const prepared = performance.now() - t0;
    const raw = await this.ask(cfg, request, format, signal);
    if (raw === undefined || signal.aborted) return undefined;

    const t1 = performance.now();
    const parsed: Parsed = format === 'zeta' ? parseZetaAnswer(raw, input) : parseChatAnswer(raw);
    const result = this.toPrediction(parsed, input.region, doc, format);
    this.lastOverheadMs = prepared + (performance.now() - t1);
    return result;
  }

  /** History, region and related code, redacted; undefined when the region cannot be had. */
  private promptInput(doc: CompletionDocument, position: Position, defs: Snippet[], isSecret: (p: string) => boolean): PromptInput | undefined {
    const region = selectRegion(doc, position, this.opts.region);
    if (!region) {
      this.opts.log?.(`next edit: no suggestion for ${doc.relativePath}: the line at the cursor is too long`);
      return undefined;
    }
    // The region is diffed against the answer, so it cannot be masked: a region holding a key-like
    // string is not sent at all. The read-only context around it is masked.
    const text = region.lines.join('\n');
    if (redactKeys(text) !== text) {
      this.opts.log?.(`next edit: no suggestion at ${doc.relativePath}:${position.line + 1}: the code there holds a key-like string`);
      return undefined;
    }
    const masked: Region = { ...region, before: maskLines(region.before), after: maskLines(region.after) };
    const events = renderHistory(this.opts.history.events(), this.opts.historyChars ?? 6000, (p) => !isSecret(p)).map((e) => redactKeys(e));
    const chosen = chooseSnippets({
      around: region.lines.join('\n').slice(-600),
      definitions: defs,
      recent: this.opts.recent?.recent(doc.uri) ?? [],
      related: this.opts.related?.files(doc.uri) ?? [],
      clipboard: [],
      index: this.snippetIndex,
      budgetTokens: this.opts.snippetTokens ?? 600,
      isSecret,
    });
    return { path: doc.relativePath, languageId: doc.languageId, events, region: masked, snippets: chosen.map((s) => ({ relativePath: s.relativePath, text: redactKeys(s.text) })) };
  }

  private async ask(cfg: NextEditConfig, request: Parameters<typeof streamCompletion>[0]['request'], format: NextEditFormat, signal: AbortSignal): Promise<string | undefined> {
    this.requestsSent++;
    this.opts.onRequest?.();
    try {
      const raw = await streamCompletion({
        endpoint: { baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, timeoutMs: cfg.timeoutMs },
        model: cfg.model,
        request,
        maxTokens: cfg.maxTokens,
        stop: [],
        temperature: 0,
        signal,
        isComplete: format === 'zeta' ? zetaComplete : chatComplete,
      });
      this.failures = 0;
      this.backoffUntil = 0;
      return raw;
    } catch (err) {
      const e = toLlmError(err, cfg.baseUrl, cfg.model, signal);
      if (e.kind === 'aborted') return undefined;
      if (e.retryable) {
        this.failures++;
        this.backoffUntil = (this.opts.now ?? Date.now)() + computeBackoff(this.failures, { baseMs: 1000, maxMs: 60_000, retryAfterMs: e.retryAfterMs });
      }
      this.opts.log?.(`next edit: ${e.message}`);
      this.opts.onError?.(e);
      return undefined;
    }
  }

  private toPrediction(parsed: Parsed, region: Region, doc: CompletionDocument, format: NextEditFormat): NextEditPrediction | undefined {
    if (parsed.kind === 'none') return undefined;
    if (parsed.kind === 'problem') {
      this.opts.log?.(`next edit: no suggestion for ${doc.relativePath}: ${parsed.message}`);
      return undefined;
    }
    const result = regionEdits(region, parsed.text);
    if (result.kind === 'rejected') {
      this.opts.log?.(`next edit: not shown for ${doc.relativePath}: ${result.reason}`);
      return undefined;
    }
    if (!result.edits.length) return undefined;
    return { uri: doc.uri, version: doc.version, edits: result.edits, format };
  }

  /** Forgets back-off (after a settings change). */
  reset(): void {
    this.failures = 0;
    this.backoffUntil = 0;
  }

  /** Cancels what is waiting or in flight (the user typed, or the editor changed). */
  cancel(): void {
    this.current?.abort();
  }

  dispose(): void {
    this.disposed = true;
    this.current?.abort();
  }
}

function maskLines(lines: string[]): string[] {
  const text = lines.join('\n');
  const masked = redactKeys(text);
  return masked === text ? lines : masked.split('\n');
}
