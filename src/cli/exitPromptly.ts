// Owns how the CLI process ends once its command has returned. Left to itself, Node waits for its
// background threads before it exits (V8 still tiering up tree-sitter's WebAssembly, for one: 0–150
// ms after a task, measured) and then frees the whole heap (15–20 ms more). Everything a command
// does is awaited before it returns, so once only the process's own output streams and pending file
// closes are left, the CLI flushes its output and exits at once. Anything else still open (a child
// process, a socket, a timer, a file operation in flight) is waited for as Node would.
// The `atExit` callbacks (the code cache's write) run on either path.

/** Resources that hold nothing the user could lose (process.getActiveResourcesInfo() names). */
const SAFE_TO_DROP: ReadonlySet<string> = new Set(['PipeWrap', 'TTYWrap', 'CloseReq', 'FileHandleCloseReq']);

const callbacks: Array<() => void> = [];
let ran = false;

function runCallbacks(): void {
  if (ran) return;
  ran = true;
  for (const fn of callbacks) {
    try {
      fn();
    } catch {
      /* a callback's failure must not keep the process from ending */
    }
  }
}

/** Runs `fn` once, just before the process ends on its own or through exitWhenDone. */
export function atExit(fn: () => void): void {
  if (callbacks.length === 0) process.once('beforeExit', runCallbacks);
  callbacks.push(fn);
}

/** True when every resource still open may be dropped without waiting for it. */
export function mayExitNow(resources: readonly string[]): boolean {
  return resources.every((r) => SAFE_TO_DROP.has(r));
}

interface Flushable {
  write(chunk: string, cb: (err?: Error | null) => void): boolean;
  once(event: 'error', listener: () => void): unknown;
  removeListener(event: 'error', listener: () => void): unknown;
  readonly writable?: boolean;
  readonly destroyed?: boolean;
  readonly writableLength?: number;
}

/** Resolves once what was written to `stream` before has been handed to the system, or can never be. */
function flushed(stream: Flushable): Promise<void> {
  // Nothing waiting, or nobody left to read it (a client that closed the pipe): nothing to flush, and
  // no write that would fail with EPIPE.
  if (!stream.writable || stream.destroyed || !stream.writableLength) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.removeListener('error', done);
      resolve();
    };
    stream.once('error', done);
    stream.write('', done);
  });
}

/**
 * Called with the command's exit code once it has returned: sets it, and ends the process as soon as
 * stdout and stderr are flushed when nothing else is open; otherwise the process ends on its own.
 */
export function exitWhenDone(code: number): void {
  process.exitCode = code;
  // stdin may hold the event loop open after the turn; nothing reads it once we are here.
  process.stdin.unref?.();
  // A pipe takes what it can at once and the rest later: the output is flushed before anything is judged.
  void Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => {
    if (!mayExitNow(process.getActiveResourcesInfo())) return;
    runCallbacks();
    process.exit(code);
  });
}
