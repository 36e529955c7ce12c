// Owns the V8 settings of a `tandem exec` process (one short run). V8 compiles WebAssembly with its
// baseline compiler, Liftoff, and then again with its optimising compiler, TurboFan, on background
// threads. In one scripted task that second compile was 38–40% of the CPU samples of the whole process
// (`perf record`), competing with the agent for the cores, for faster parsing (tree-sitter, the
// guard's parser) that a run of a few edits never earns back; --no-wasm-tier-up did not stop it,
// --liftoff-only does. It is set before the exec bundle loads, so the bundle's own code cache
// (codeCache.ts) is made and checked under the same flags. Node compiles its own modules from a code
// cache that holds only under the flags it started with, so those the exec bundle requires, and its
// HTTP client, are loaded first.
import { setFlagsFromString } from 'node:v8';

/** Node's modules the exec bundle requires (bundle.test.ts checks the list against the bundle). */
export const EXEC_BUILTINS = ['child_process', 'crypto', 'events', 'fs', 'fs/promises', 'module', 'os', 'path', 'process', 'readline', 'stream', 'url', 'zlib'];

export function baselineWasmOnly(): void {
  // Loaded for their side effect only (compiled now, under the startup flags), by name from the list.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const name of EXEC_BUILTINS) require(`node:${name}`);
  void globalThis.fetch; // Node's HTTP client (undici), loaded on first use
  setFlagsFromString('--liftoff-only');
}
