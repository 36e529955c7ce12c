// Owns loading the CLI's big exec bundle (dist/cliExec.js) through a V8 code cache, so a command
// does not parse and compile 1 MB of JavaScript at every start (Node 20 has no
// module.enableCompileCache). The bundle is compiled with vm.Script and the cached data kept in
// Tandem's cache folder ($TANDEM_CACHE_DIR, $XDG_CACHE_HOME/tandem or ~/.cache/tandem), one file per
// command, written once when missing or unusable — after the command ran, so the functions it used
// are in it. A cache is used only when its header names this exact bundle (SHA-256 of its text),
// Node version and architecture, and its payload's own SHA-256 matches: V8 checks its version and
// flags but not that the code belongs to this text, nor (in release builds) a corrupted payload.
// Anything wrong — stale, corrupt, unreadable, rejected by V8 — means a plain compile and a new file.
// TANDEM_CODE_CACHE=0 turns it off.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { atExit } from './exitPromptly';

const MAGIC = 'tandem-code-cache 1\n';

/** What happened to the cache on this load (tests read it). */
export type CacheState = 'off' | 'used' | 'written' | 'rebuilt';

export interface LoadResult {
  exports: unknown;
  /** 'missing', 'stale', 'corrupt' or 'rejected' until written; 'used' when V8 took the cache. */
  cache: 'off' | 'used' | 'missing' | 'stale' | 'corrupt' | 'rejected';
  /** Writes the cache if this load needs one (call once the command ran); never throws. */
  save: () => CacheState;
}

export function codeCacheDir(env: NodeJS.ProcessEnv): string {
  return env.TANDEM_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'tandem');
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** The header line a cache for `sourceHash` must start with. */
function keyLine(sourceHash: string): string {
  return `${sourceHash} ${process.version} ${process.arch} ${process.versions.v8}`;
}

/** The cached data in `file` when it belongs to this bundle and is intact; else why not. */
function readCache(file: string, sourceHash: string): Buffer | 'missing' | 'stale' | 'corrupt' {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return 'missing';
  }
  // MAGIC, the key line, the payload's SHA-256, then the payload.
  const head = raw.subarray(0, 512).toString('latin1');
  if (!head.startsWith(MAGIC)) return 'corrupt';
  const lines = head.slice(MAGIC.length).split('\n');
  if (lines.length < 3) return 'corrupt';
  if (lines[0] !== keyLine(sourceHash)) return 'stale';
  const payload = raw.subarray(MAGIC.length + lines[0].length + 1 + lines[1].length + 1);
  return payload.length > 0 && sha256(payload) === lines[1] ? payload : 'corrupt';
}

function writeCache(file: string, sourceHash: string, data: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC}${keyLine(sourceHash)}\n${sha256(data)}\n`, 'latin1'), data]), { mode: 0o600 });
  renameSync(tmp, file); // whole or not at all: a reader never sees half a file
}

/**
 * Loads the CommonJS bundle `file` as `require` would, compiling it with the code cache named
 * `name` in `cacheDir` (or without a cache when `cacheDir` is undefined).
 */
export function loadWithCodeCache(file: string, cacheDir: string | undefined, name: string): LoadResult {
  const source = readFileSync(file, 'utf8');
  const sourceHash = sha256(source);
  const cacheFile = cacheDir && path.join(cacheDir, 'code-cache', `${path.basename(file, '.js')}-${name.replace(/[^a-z0-9-]/gi, '_')}.bin`);
  const found = cacheFile ? readCache(cacheFile, sourceHash) : 'missing';
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(Buffer.isBuffer(found) ? { cachedData: found } : {}) });
  const cache: LoadResult['cache'] = !cacheFile ? 'off' : Buffer.isBuffer(found) ? (script.cachedDataRejected ? 'rejected' : 'used') : found;
  const fn = script.runInThisContext({ displayErrors: true }) as (exports: unknown, require: NodeRequire, module: NodeModule, filename: string, dirname: string) => void;
  const mod = new Module(file, require.main ?? undefined) as NodeModule & { paths: string[] };
  mod.filename = file;
  const req = createRequire(file);
  mod.paths = req.resolve.paths('x') ?? [];
  fn.call(mod.exports, mod.exports, req, mod, file, path.dirname(file));
  mod.loaded = true;
  let saved = false;
  return {
    exports: mod.exports,
    cache,
    save: () => {
      if (!cacheFile || cache === 'used' || saved) return cache === 'used' ? 'used' : 'off';
      saved = true;
      try {
        writeCache(cacheFile, sourceHash, script.createCachedData());
        return cache === 'missing' ? 'written' : 'rebuilt';
      } catch {
        return 'off'; // a read-only cache folder only costs the compile next time
      }
    },
  };
}

/** The commands that load the exec bundle, each with its own cache (they use different code). */
const COMMANDS = ['audit', 'checkpoints', 'restore', 'guard', 'eval', 'review', 'fix', 'acp'];

/**
 * dist/cliExec.js for the bundled entry (esbuild.cli.mjs points main.ts's `./exec` here), through
 * the code cache of the command being run; the cache is written when the process is about to exit.
 */
export function loadExecBundle(dir: string, argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): unknown {
  const name = COMMANDS.includes(argv[2]) ? argv[2] : 'exec';
  const loaded = loadWithCodeCache(path.join(dir, 'cliExec.js'), env.TANDEM_CODE_CACHE === '0' ? undefined : codeCacheDir(env), name);
  atExit(() => loaded.save());
  return loaded.exports;
}
