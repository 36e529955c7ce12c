// Owns a completion stream that outlives the provider call that started it. VS Code cancels the call
// on every keystroke; when the user types what the model is writing, the next call follows the same
// stream instead of starting a new request, and shows the rest. A stream nobody follows is closed
// after a grace period (long enough for the editor's next call to arrive), or at once when a call
// shows the user went elsewhere.
import type { Processed } from './postprocess';

/** How far the typed text may run ahead of where the stream started. */
const MAX_TYPED = 400;
const ANCHOR = 256;

export type WaitOutcome = 'settled' | 'deadline' | 'aborted' | 'progress';

export class SharedStream {
  readonly controller = new AbortController();
  /** What arrived so far, as the user would see it (cleaned). */
  visible = '';
  settled = false;
  /** Set by the owner: the post-processed answer, undefined on failure. Never rejects. */
  result: Promise<Processed | undefined> = Promise.resolve(undefined);
  /** True once part of it was shown: it then runs to its end to fill the cache. */
  keepAlive = false;
  private users = 0;
  private orphanTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly anchor: string;

  constructor(
    readonly uri: string,
    readonly prefix: string,
    readonly lineSuffix: string,
    private readonly adoptMs: number,
  ) {
    this.anchor = prefix.slice(-ANCHOR);
  }

  progress(visible: string): void {
    this.visible = visible;
    for (const w of [...this.waiters]) w();
  }

  settle(): void {
    this.settled = true;
    clearTimeout(this.orphanTimer);
    for (const w of [...this.waiters]) w();
  }

  /**
   * What the user typed since the stream started, when the current text before the cursor continues
   * the stream's and agrees with what the model wrote so far; undefined otherwise.
   */
  typedSince(uri: string, prefix: string, lineSuffix: string): string | undefined {
    if (this.settled || this.controller.signal.aborted || uri !== this.uri || lineSuffix !== this.lineSuffix) return undefined;
    const tail = prefix.slice(-(this.anchor.length + MAX_TYPED));
    const at = tail.lastIndexOf(this.anchor);
    if (at < 0) return undefined;
    const typed = tail.slice(at + this.anchor.length);
    if (typed === '') return '';
    return this.visible.startsWith(typed) || typed.startsWith(this.visible) ? typed : undefined;
  }

  /** A provider call follows the stream until `signal` aborts or it calls the returned detach. */
  attach(signal: AbortSignal): () => void {
    this.users++;
    clearTimeout(this.orphanTimer);
    let attached = true;
    const detach = () => {
      if (!attached) return;
      attached = false;
      signal.removeEventListener('abort', detach);
      this.users--;
      if (this.users === 0 && !this.settled && !this.keepAlive) {
        this.orphanTimer = setTimeout(() => this.controller.abort(), this.adoptMs);
      }
    };
    if (signal.aborted) detach();
    else signal.addEventListener('abort', detach, { once: true });
    return detach;
  }

  /** The user went elsewhere: close the stream unless a call still follows it. */
  abandon(): void {
    if (this.users === 0 && !this.settled) this.controller.abort();
  }

  /** Resolves on the next change: progress, the end, the deadline or the caller's abort. */
  next(signal: AbortSignal, deadline?: Promise<unknown>): Promise<WaitOutcome> {
    if (this.settled) return Promise.resolve('settled');
    if (signal.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const done = (o: WaitOutcome) => {
        this.waiters.delete(onChange);
        signal.removeEventListener('abort', onAbort);
        resolve(o);
      };
      const onChange = () => done(this.settled ? 'settled' : 'progress');
      const onAbort = () => done('aborted');
      this.waiters.add(onChange);
      signal.addEventListener('abort', onAbort, { once: true });
      deadline?.then(
        () => done('deadline'),
        () => undefined,
      );
    });
  }
}

/** The part of a stream worth showing before it ends: whole lines, else up to a token boundary. */
export function boundaryCut(visible: string): string {
  const nl = visible.lastIndexOf('\n');
  if (nl > 0) return visible.slice(0, nl);
  const m = /^[\s\S]*[\s;,.()[\]{}:=+\-*/<>"'`]/.exec(visible);
  return m ? m[0] : '';
}
