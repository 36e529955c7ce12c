// Owns reading piped stdin for `tandem exec` (`git diff | tandem exec "review this"`): capped at
// 256 KB with a note when cut, and a bounded wait for the first byte so an open but silent stdin (a
// CI runner that never closes it) cannot hang the run. The text is redacted like tool output and
// fenced as data in the task, so the model treats it as input, not as instructions from the user.
import { redactKeys } from '../core/secrets/redact';

export const STDIN_CAP_BYTES = 256 * 1024;
export const DEFAULT_STDIN_WAIT_MS = 2000;

export interface PipedInput {
  text: string;
  /** True when stdin held more than the cap and only the first part was read. */
  truncated: boolean;
}

export interface ReadOptions {
  capBytes?: number;
  /** How long to wait for the first byte; undefined waits until stdin ends. */
  firstByteWaitMs?: number;
  /** Ctrl-C: stop reading and keep what arrived. */
  signal?: AbortSignal;
}

/** Reads stdin to its end (or the cap). Resolves undefined when it ends empty or stays silent too long. */
export function readPipedInput(stream: NodeJS.ReadableStream, o: ReadOptions = {}): Promise<PipedInput | undefined> {
  const cap = o.capBytes ?? STDIN_CAP_BYTES;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (truncated: boolean) => {
      if (timer) clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onEnd);
      // Stop reading: nothing else consumes stdin (approvals need a TTY, which piped stdin is not).
      stream.pause();
      (stream as { destroy?: () => void }).destroy?.();
      if (size === 0) return resolve(undefined);
      resolve({ text: Buffer.concat(chunks).subarray(0, cap).toString('utf8'), truncated });
    };
    const onData = (chunk: Buffer | string) => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(b);
      size += b.length;
      if (size > cap) finish(true);
    };
    const onEnd = () => finish(false);
    const onAbort = () => finish(false);
    if (o.signal?.aborted) return finish(false);
    o.signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onEnd);
    if (o.firstByteWaitMs !== undefined) timer = setTimeout(() => finish(false), o.firstByteWaitMs);
  });
}

/** A fence longer than any run of backticks inside the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The task with the piped input appended as fenced, redacted data. */
export function taskWithPipedInput(task: string, input: PipedInput, capBytes = STDIN_CAP_BYTES): string {
  const text = redactKeys(input.text);
  const fence = fenceFor(text);
  const note = input.truncated ? `\n(The input was longer than ${Math.round(capBytes / 1024)} KB; only its first ${Math.round(capBytes / 1024)} KB are shown.)` : '';
  return `${task}\n\nThe user piped this input:\n${fence}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}${note}`;
}
