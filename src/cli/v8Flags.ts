// Owns the V8 settings of a `tandem exec` process (one short run). V8 compiles tree-sitter's
// WebAssembly (the guard's parser) with its baseline compiler, Liftoff, and then again with its
// optimising compiler, TurboFan, on background threads. In one scripted task that second compile was
// 38–40% of the CPU samples of the whole process (`perf record`), competing with the agent for the
// cores, for faster parsing that a run of a few edits never earns back; --no-wasm-tier-up did not stop
// it, --liftoff-only does (whole task 0.61×, CPU 0.45×, measured in out/ with the scripted server).
// Set before anything compiles WebAssembly: V8's flags are process-wide.
import { setFlagsFromString } from 'node:v8';

export function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
}
