// Owns the request discipline of autocomplete: skip where a completion cannot help, answer from the
// cache at once, follow a stream the user is typing into instead of asking again, wait an adaptive
// debounce, gather context under a token budget (slow sources time-boxed), back off after
// 429/5xx/unreachable, and report status transitions. Never throws into its caller.
import { redactKeys } from '../secrets/redact';
import type { PathRules } from '../policy/pathRules';
import { computeBackoff, sleep } from '../llm/backoff';
import { LlmError, toLlmError } from '../llm/errors';
import { streamCompletion } from '../llm/completions';
import { contextTokensFor, splitBudget } from './budget';
import { CompletionCache } from './cache';
import { cleanRaw } from './cleanup';
import { buildWindows, type WindowBudget, type Windows } from './windows';
import { AdaptiveDebounce } from './debounce';
import { chooseSnippets, CONTEXT_TIMEBOX_MS, within } from './gather';
import { midWord, postprocess, wantsMultiline, type Processed } from './postprocess';
import { buildRequest, type BuiltRequest } from './request';
import { boundaryCut, SharedStream } from './sharedStream';
import { SnippetIndex } from './snippets';
import { cleanChatAnswer, type Snippet } from './templates';
import { withSelection } from './selection';
import type { CompletionConfig, CompletionDocument, CompletionRequest, CompletionResult, CompletionStatus, ContextSnippetSource, LineSource, RecentSnippetSource, RelatedFilesSource } from './types';

export interface EngineOptions {
  config: () => CompletionConfig;
  related?: RelatedFilesSource;
  /** Declarations of what the cursor uses (time-boxed). */
  definitions?: ContextSnippetSource;
  /** Recently edited and visited ranges. */
  recent?: RecentSnippetSource;
  /** The clipboard, when the user opted in (time-boxed). */
  clipboard?: ContextSnippetSource;
  /** Files that never go into a prompt (secrets, .tandemignore). */
  secrets?: () => PathRules;
  onStatus?: (s: CompletionStatus) => void;
  /** Called as each request leaves (tests, benchmarks). */
  onRequest?: () => void;
  /** Called with the cleaned text streamed so far (tests). */
  onProgress?: (visible: string) => void;
  /** A stream shown in part has ended: asking again at the same spot now shows all of it. */
  onLateResult?: (uri: string) => void;
  /** Overrides the token budget derived from the model's context length. */
  budget?: WindowBudget & { snippetTokens: number };
  /** Milliseconds after which what has streamed so far is shown, at a line or token boundary (default 4 s: only a slow model is that slow). */
  partialMs?: number;
  /** Milliseconds an unfollowed stream stays open for the editor's next call. */
  adoptMs?: number;
  /** Injectable for tests: defaults to Date.now / the abortable sleep. */
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

interface Shape {
  windows: Windows;
  multiline: boolean;
  prevLine: string;
  nextLines: string[];
  stops: string[];
  chat: boolean;
}

export class CompletionEngine {
  private readonly cache = new CompletionCache();
  private readonly snippets = new SnippetIndex();
  private readonly debounce = new AdaptiveDebounce();
  private stream: SharedStream | undefined;
  private status: CompletionStatus = { state: 'idle' };
  private failures = 0;
  private backoffUntil = 0;
  private inFlight = 0;
  private disposed = false;

  constructor(private readonly opts: EngineOptions) {}

  /** Requests actually sent to the server (for status displays and benchmarks). */
  requestsSent = 0;

  async provide(req: CompletionRequest): Promise<CompletionResult | undefined> {
    try {
      const sel = req.selected;
      if (!sel) return await this.provideInner(req, req.document, req.position);
      // Complete as if the selected suggestion were already inserted, and offer both together.
      const v = withSelection(req.document, req.position, sel);
      const r = await this.provideInner(req, v.document, v.position);
      return r && { ...r, insertText: sel.text + r.insertText, replaceBefore: req.position.character - sel.start };
    } catch (err) {
      // Anything unexpected must not reach VS Code; report it like a server failure.
      if (!req.signal.aborted) this.setStatus({ state: 'error', error: toLlmError(err, this.opts.config().baseUrl) });
      return undefined;
    }
  }

  private allowed(cfg: CompletionConfig, languageId: string): boolean {
    return cfg.enabled && !cfg.disabledLanguages.includes(languageId.toLowerCase());
  }

  private async provideInner(req: CompletionRequest, doc: CompletionDocument, position: CompletionRequest['position']): Promise<CompletionResult | undefined> {
    const cfg = this.opts.config();
    if (this.disposed) return undefined;
    if (!cfg.enabled) {
      this.setStatus({ state: 'disabled' });
      return undefined;
    }
    if (this.status.state === 'disabled') this.setStatus({ state: 'idle' });
    if (!this.allowed(cfg, doc.languageId)) return undefined;
    const secrets = this.opts.secrets?.();
    if (secrets?.isSecret(doc.relativePath)) return undefined;

    const now = this.opts.now ?? Date.now;
    if (!req.explicit) this.debounce.keystroke(now());
    const budget = this.opts.budget ?? splitBudget(contextTokensFor(cfg.model, cfg.contextTokens), cfg.maxTokens);
    const windows = buildWindows(doc, position, budget);
    const cached = this.cache.get(doc.uri, windows.prefix, windows.lineSuffix);
    if (cached) return { ...cached, fromCache: true };

    // The user is typing what the model is writing: follow that stream rather than ask again.
    const current = this.stream;
    if (current) {
      const typed = current.typedSince(doc.uri, windows.prefix, windows.lineSuffix);
      const followed = typed === undefined ? 'diverged' : await this.follow(current, typed, req.signal);
      if (followed !== 'diverged') return followed;
      current.abandon();
    }
    if (!req.explicit && !req.selected && midWord(windows.linePrefix, windows.lineSuffix)) return undefined;
    if (now() < this.backoffUntil && !req.explicit) return undefined;

    // Slow sources start now and run during the debounce.
    const definitions = this.opts.definitions?.snippets(req.document, req.position, req.signal);
    const clipboard = this.opts.clipboard?.snippets(req.document, req.position, req.signal);
    const delay = req.explicit ? 0 : this.debounce.delay(cfg.debounceMs);
    if (delay > 0) {
      try {
        await (this.opts.sleep ?? sleep)(delay, req.signal);
      } catch {
        return undefined;
      }
    }
    if (req.signal.aborted) return undefined;
    // The settings may have changed while the request waited (completions turned off, or off for
    // this language, from the status-bar menu): read them again before anything is sent.
    if (!this.allowed(this.opts.config(), doc.languageId)) return undefined;

    const isSecret = (p: string) => secrets?.isSecret(p) ?? false;
    const [defs, clip] = await Promise.all([within<Snippet[]>(definitions, CONTEXT_TIMEBOX_MS, []), within<Snippet[]>(clipboard, CONTEXT_TIMEBOX_MS, [])]);
    if (req.signal.aborted) return undefined;
    const chosen = chooseSnippets({
      around: windows.prefix.slice(-600),
      definitions: defs,
      recent: this.opts.recent?.recent(doc.uri) ?? [],
      related: this.opts.related?.files(doc.uri) ?? [],
      clipboard: clip,
      index: this.snippets,
      budgetTokens: budget.snippetTokens,
      isSecret,
    });
    // Key-like strings never leave the machine, even from an ordinary file.
    const built = buildRequest(cfg.api, cfg.model, cfg.baseUrl, cfg.template, {
      prefix: redactKeys(windows.prefix),
      suffix: redactKeys(windows.suffix),
      relativePath: doc.relativePath,
      languageId: doc.languageId,
      snippets: chosen.map((s) => ({ relativePath: s.relativePath, text: redactKeys(s.text) })),
    });
    if ('problem' in built) {
      this.setStatus({ state: 'error', error: new LlmError('badRequest', built.problem) });
      return undefined;
    }
    const shape = this.shapeOf(doc, position, windows, cfg, built);
    const stream = new SharedStream(doc.uri, windows.prefix, windows.lineSuffix, this.opts.adoptMs ?? 1000);
    this.stream = stream;
    stream.result = this.run(stream, cfg, built, shape, doc.uri);
    const followed = await this.follow(stream, '', req.signal);
    return followed === 'diverged' ? undefined : followed;
  }

  private shapeOf(doc: LineSource, position: CompletionRequest['position'], windows: Windows, cfg: CompletionConfig, built: BuiltRequest): Shape {
    const mode = cfg.multiline ?? 'auto';
    const multiline = mode === 'always' ? true : mode === 'never' ? false : wantsMultiline(windows.linePrefix, windows.lineSuffix);
    const nextLines: string[] = [];
    for (let i = position.line + 1; i < Math.min(doc.lineCount, position.line + 4); i++) nextLines.push(doc.lineAt(i));
    const prevLine = position.line > 0 ? doc.lineAt(position.line - 1) : '';
    return { windows, multiline, prevLine, nextLines, stops: built.stops, chat: cfg.api === 'chat' };
  }

  private visible(raw: string, shape: Shape): string {
    const text = cleanRaw(raw);
    return shape.chat ? cleanChatAnswer(text, shape.windows.linePrefix) : text;
  }

  private finish(visible: string, shape: Shape): Processed | undefined {
    const w = shape.windows;
    return postprocess({ raw: visible, linePrefix: w.linePrefix, lineSuffix: w.lineSuffix, prevLine: shape.prevLine, nextLines: shape.nextLines, multiline: shape.multiline, stops: shape.stops });
  }

  /** Sends the request and streams it into `stream`; resolves to the post-processed answer. */
  private async run(stream: SharedStream, cfg: CompletionConfig, built: BuiltRequest, shape: Shape, uri: string): Promise<Processed | undefined> {
    this.inFlight++;
    this.setStatus({ state: 'loading' });
    this.requestsSent++;
    this.opts.onRequest?.();
    const signal = stream.controller.signal;
    try {
      const raw = await streamCompletion({
        endpoint: { baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, timeoutMs: cfg.timeoutMs },
        model: cfg.model,
        request: built.request,
        maxTokens: shape.multiline ? cfg.maxTokens : Math.min(cfg.maxTokens, 64),
        stop: built.stops,
        signal,
        isComplete: (t) => {
          const v = this.visible(t, shape);
          stream.progress(v);
          this.opts.onProgress?.(v);
          // A single-line completion is complete at its first line break: stop reading there.
          return !shape.multiline && (/\S[^\n]*\n/.test(v) || /^\n/.test(v));
        },
      });
      this.inFlight--;
      this.failures = 0;
      this.backoffUntil = 0;
      if (this.inFlight === 0) this.setStatus({ state: 'idle' });
      const processed = this.finish(this.visible(raw, shape), shape);
      if (processed) this.cache.put(uri, shape.windows.prefix, shape.windows.lineSuffix, processed.text, processed.replaceAfter);
      if (processed && stream.keepAlive) this.opts.onLateResult?.(uri);
      return processed;
    } catch (err) {
      this.inFlight--;
      const e = toLlmError(err, cfg.baseUrl, cfg.model, signal);
      if (e.kind === 'aborted') {
        if (this.inFlight === 0 && this.status.state === 'loading') this.setStatus({ state: 'idle' });
      } else {
        this.fail(e);
      }
      return undefined;
    } finally {
      stream.settle();
      if (this.stream === stream) this.stream = undefined;
    }
  }

  /**
   * Waits on the stream for this call: the rest of the answer after what the user typed, or, past
   * the partial deadline, what has arrived up to a line or token boundary. 'diverged' when the model
   * wrote something other than what the user typed.
   */
  private async follow(stream: SharedStream, typed: string, signal: AbortSignal): Promise<CompletionResult | undefined | 'diverged'> {
    const detach = stream.attach(signal);
    const quiet = new AbortController();
    const deadline = (this.opts.sleep ?? sleep)(this.opts.partialMs ?? 4000, quiet.signal);
    deadline.catch(() => undefined);
    try {
      let outcome = await stream.next(signal, deadline);
      for (;;) {
        if (!stream.visible.startsWith(typed) && !typed.startsWith(stream.visible)) return 'diverged';
        if (outcome === 'progress') outcome = await stream.next(signal, deadline);
        else if (outcome === 'deadline') {
          const part = boundaryCut(stream.visible);
          if (part.length > typed.length && part.startsWith(typed)) {
            stream.keepAlive = true;
            return { insertText: part.slice(typed.length), replaceAfter: 0, fromCache: false };
          }
          outcome = await stream.next(signal);
        } else break;
      }
      if (outcome === 'aborted') return undefined;
      const processed = await stream.result;
      if (signal.aborted || !processed || processed.text.length <= typed.length || !processed.text.startsWith(typed)) return undefined;
      return { insertText: processed.text.slice(typed.length), replaceAfter: processed.replaceAfter, fromCache: false };
    } finally {
      quiet.abort();
      detach();
    }
  }

  private fail(e: LlmError): void {
    if (e.retryable) {
      this.failures++;
      const delay = computeBackoff(this.failures, { baseMs: 1000, maxMs: 60_000, retryAfterMs: e.retryAfterMs, random: this.opts.random });
      this.backoffUntil = (this.opts.now ?? Date.now)() + delay;
    }
    this.setStatus({ state: 'error', error: e });
  }

  /** Milliseconds of back-off left (0 when requests may go out). */
  backoffRemaining(): number {
    return Math.max(0, this.backoffUntil - (this.opts.now ?? Date.now)());
  }

  /** Forgets cached completions and back-off (after a settings change). */
  reset(): void {
    this.cache.clear();
    this.stream?.abandon();
    this.failures = 0;
    this.backoffUntil = 0;
    this.setStatus({ state: 'idle' });
  }

  private setStatus(s: CompletionStatus): void {
    const same =
      s.state === this.status.state &&
      (s.state !== 'error' || (this.status.state === 'error' && this.status.error.kind === s.error.kind && this.status.error.message === s.error.message));
    this.status = s;
    if (!same) this.opts.onStatus?.(s);
  }

  dispose(): void {
    this.disposed = true;
    this.stream?.controller.abort();
    this.cache.clear();
  }
}
