// Owns the byte streams the ACP connection runs on: the process's stdin and stdout (the CLI's
// streams, so tests can pass their own) as the web streams the SDK's ndJsonStream reads and writes.
import * as acp from '@agentclientprotocol/sdk';
import type { Writable } from '../render';

export function nodeStreams(input: NodeJS.ReadableStream, output: Writable): acp.Stream {
  const decoder = new TextDecoder();
  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      output.write(decoder.decode(chunk, { stream: true }));
    },
  });
  const readable = new ReadableStream<Uint8Array>({
    start(controller) {
      input.on('data', (b: Buffer | string) => controller.enqueue(typeof b === 'string' ? new TextEncoder().encode(b) : new Uint8Array(b)));
      input.on('end', () => controller.close());
      input.on('error', (err) => controller.error(err));
    },
  });
  return acp.ndJsonStream(writable, readable);
}
