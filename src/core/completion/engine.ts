// Owns the request discipline of autocomplete: skip where a completion cannot help, answer from the
// cache at once, debounce bursts, abort stale requests (the server sees the connection close), back
// off after 429/5xx/unreachable, and report status transitions. Never throws into its caller.
import { redactKeys } from '../guard/redact';
import type { PathRules } from '../policy/pathRules';
import { computeBackoff, sleep } from '../llm/backoff';
import { LlmError, toLlmError } from '../llm/errors';
import { streamCompletion, type ChatFillRequest, type FimRequest } from '../llm/completions';
import { CompletionCache } from './cache';
import { buildWindows, DEFAULT_BUDGET, type WindowBudget } from './context';
import { midWord, postprocess, wantsMultiline } from './postprocess';
import { SnippetIndex } from './snippets';
import { buildChatMessages, buildFimPrompt, chooseTemplate, cleanChatAnswer, type TemplateSetting } from './templates';
import type { CompletionConfig, CompletionRequest, CompletionResult, CompletionStatus, RelatedFilesSource } from './types';

export interface EngineOptions {
  config: () => CompletionConfig & { template?: TemplateSetting };
  related?: RelatedFilesSource;
  /** Files that never go into a prompt (secrets, .tandemignore). */
  secrets?: () => PathRules;
  onStatus?: (s: CompletionStatus) => void;
  /** Sent with every request after a request was made (tests, benchmarks). */
  onRequest?: () => void;
  budget?: WindowBudget;
  /** Characters of context from other files. */
  snippetChars?: number;
  /** Injectable for tests: defaults to Date.now / the abortable sleep. */
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

export class CompletionEngine {
  private readonly cache = new CompletionCache();
  private readonly snippets = new SnippetIndex();
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
      return await this.provideInner(req);
    } catch (err) {
      // Anything unexpected must not reach VS Code; report it like a server failure.
      if (!req.signal.aborted) this.setStatus({ state: 'error', error: toLlmError(err, this.opts.config().baseUrl) });
      return undefined;
    }
  }

  private async provideInner(req: CompletionRequest): Promise<CompletionResult | undefined> {
    const cfg = this.opts.config();
    if (this.disposed) return undefined;
    if (!cfg.enabled) {
      this.setStatus({ state: 'disabled' });
      return undefined;
    }
    if (this.status.state === 'disabled') this.setStatus({ state: 'idle' });
    if (cfg.disabledLanguages.includes(req.document.languageId.toLowerCase())) return undefined;
    const secrets = this.opts.secrets?.();
    if (secrets?.isSecret(req.document.relativePath)) return undefined;

    const { document: doc, position } = req;
    const windows = buildWindows(doc, position, this.opts.budget ?? DEFAULT_BUDGET);
    const cached = this.cache.get(doc.uri, windows.prefix, windows.lineSuffix);
    if (cached) return { ...cached, fromCache: true };
    if (!req.explicit && midWord(windows.linePrefix, windows.lineSuffix)) return undefined;

    const now = this.opts.now ?? Date.now;
    if (now() < this.backoffUntil && !req.explicit) return undefined;

    const wait = this.opts.sleep ?? sleep;
    if (cfg.debounceMs > 0) {
      try {
        await wait(cfg.debounceMs, req.signal);
      } catch {
        return undefined;
      }
    }
    if (req.signal.aborted) return undefined;

    const multiline = wantsMultiline(windows.linePrefix, windows.lineSuffix);
    const prevLine = position.line > 0 ? doc.lineAt(position.line - 1) : '';
    const nextLines: string[] = [];
    for (let i = position.line + 1; i < Math.min(doc.lineCount, position.line + 4); i++) nextLines.push(doc.lineAt(i));

    const related = (this.opts.related?.files(doc.uri) ?? []).filter((f) => !secrets?.isSecret(f.relativePath));
    const around = windows.prefix.slice(-600);
    const snippets = related.length ? this.snippets.rank(around, related, this.opts.snippetChars ?? 1500) : [];
    // Key-like strings never leave the machine, even from an ordinary file.
    const parts = {
      prefix: redactKeys(windows.prefix),
      suffix: redactKeys(windows.suffix),
      relativePath: doc.relativePath,
      languageId: doc.languageId,
      snippets: snippets.map((s) => ({ ...s, text: redactKeys(s.text) })),
    };

    let request: FimRequest | ChatFillRequest;
    let stops: string[];
    if (cfg.api === 'chat') {
      request = { kind: 'chat', messages: buildChatMessages(parts) };
      stops = [];
    } else {
      const fim = buildFimPrompt(chooseTemplate(cfg.model, cfg.baseUrl, cfg.template ?? 'auto'), parts);
      request = { kind: 'fim', prompt: fim.prompt, suffix: fim.suffix };
      stops = fim.stop;
    }

    this.inFlight++;
    this.setStatus({ state: 'loading' });
    this.requestsSent++;
    this.opts.onRequest?.();
    let raw: string;
    try {
      raw = await streamCompletion({
        endpoint: { baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, timeoutMs: cfg.timeoutMs },
        model: cfg.model,
        request,
        maxTokens: multiline ? cfg.maxTokens : Math.min(cfg.maxTokens, 64),
        stop: stops,
        signal: req.signal,
        // A single-line completion is complete at its first line break: stop reading there.
        isComplete: multiline ? undefined : (t) => /\S[^\n]*\n/.test(t) || /^\n/.test(t),
      });
    } catch (err) {
      this.inFlight--;
      const e = toLlmError(err, cfg.baseUrl, cfg.model, req.signal);
      if (e.kind === 'aborted') {
        if (this.inFlight === 0 && this.status.state === 'loading') this.setStatus({ state: 'idle' });
        return undefined;
      }
      this.fail(e);
      return undefined;
    }
    this.inFlight--;
    this.failures = 0;
    this.backoffUntil = 0;
    this.setStatus({ state: 'idle' });
    if (req.signal.aborted) return undefined;

    const text = cfg.api === 'chat' ? cleanChatAnswer(raw, windows.linePrefix) : raw;
    const processed = postprocess({ raw: text, linePrefix: windows.linePrefix, lineSuffix: windows.lineSuffix, prevLine, nextLines, multiline, stops });
    if (!processed) return undefined;
    this.cache.put(doc.uri, windows.prefix, windows.lineSuffix, processed.text, processed.replaceAfter);
    return { insertText: processed.text, replaceAfter: processed.replaceAfter, fromCache: false };
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
    this.cache.clear();
  }
}
