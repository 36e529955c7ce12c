// Owns finding out whether bubblewrap can confine commands here: Linux only, the `bwrap` program on
// PATH, and a real `bwrap … true` with the namespaces the sandbox uses (user namespaces may be
// switched off by the kernel or AppArmor even where bwrap is installed). The answer is cached on
// disk per machine and Tandem version, and asked again when anything it depends on changes: which
// bwrap PATH finds and its size and mtime, the kernel release and its user-namespace switches.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { version as tandemVersion } from '../../../package.json';
import { NAMESPACE_FLAGS } from './bwrapArgs';

export interface ProbeResult {
  available: boolean;
  /** Why it is unavailable, as a sentence that says what to do. */
  reason?: string;
}

export type SandboxProbe = () => Promise<ProbeResult>;

export const BWRAP = 'bwrap';

/** Runs the probe with `program` as bwrap, uncached (tests point it at stand-ins for both branches). */
export function runProbe(program = BWRAP): Promise<ProbeResult> {
  if (process.platform !== 'linux') {
    return Promise.resolve({ available: false, reason: `The command sandbox uses bubblewrap, which exists on Linux only (this is ${process.platform}).` });
  }
  return new Promise((resolve) => {
    const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', ...NAMESPACE_FLAGS, '--unshare-net', '--', 'true'];
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e: NodeJS.ErrnoException) =>
      resolve({
        available: false,
        reason: e.code === 'ENOENT' ? 'bubblewrap (bwrap) is not installed; install it (e.g. "apt install bubblewrap" or "dnf install bubblewrap").' : `bubblewrap could not be started: ${e.message}.`,
      }),
    );
    child.on('close', (code) =>
      resolve(
        code === 0
          ? { available: true }
          : {
              available: false,
              reason: `bubblewrap is installed but cannot create a sandbox (${err.trim().split('\n')[0] || `exit code ${code}`}); unprivileged user namespaces are probably off (sysctl kernel.unprivileged_userns_clone=1, or an AppArmor profile for bwrap on Ubuntu 24.04+).`,
            },
      ),
    );
  });
}

/** The program PATH finds for `name` (as the spawn would), or undefined. */
async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<{ file: string; size: number; mtimeMs: number; ino: number } | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    const st = await fs.stat(file).catch(() => undefined);
    if (st?.isFile() && st.mode & 0o111) return { file, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
  }
  return undefined;
}

/** Kernel switches that decide whether unprivileged user namespaces work (absent ones are skipped). */
const USERNS_SWITCHES = ['/proc/sys/kernel/unprivileged_userns_clone', '/proc/sys/user/max_user_namespaces', '/proc/sys/kernel/apparmor_restrict_unprivileged_userns'];

/** Everything the probe's answer depends on, as one key. */
export async function probeKey(program: string, version: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const bwrap = path.isAbsolute(program) ? await onPath(path.basename(program), { PATH: path.dirname(program) }) : await onPath(program, env);
  const switches = await Promise.all(USERNS_SWITCHES.map((f) => fs.readFile(f, 'utf8').then((t) => t.trim(), () => '-')));
  const facts = { version, platform: process.platform, release: os.release(), uid: process.getuid?.(), bwrap: bwrap ?? 'absent', switches };
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

/** Where the probe's answer is kept: $TANDEM_CACHE_DIR, $XDG_CACHE_HOME/tandem or ~/.cache/tandem. */
export function probeCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.TANDEM_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'tandem');
  return path.join(dir, 'sandbox-probe.json');
}

export interface CachedProbeOptions {
  file: string;
  version?: string;
  program?: string;
  env?: NodeJS.ProcessEnv;
  /** The probe itself (tests count its runs). */
  run?: (program: string) => Promise<ProbeResult>;
}

/** The probe's answer from the cache when its key still matches, else probed and stored (a cache that cannot be read or written only costs a probe). */
export async function cachedProbe(o: CachedProbeOptions): Promise<ProbeResult> {
  const program = o.program ?? BWRAP;
  const key = await probeKey(program, o.version ?? tandemVersion, o.env);
  try {
    const stored = JSON.parse(await fs.readFile(o.file, 'utf8')) as { key?: unknown; result?: ProbeResult };
    if (stored.key === key && typeof stored.result?.available === 'boolean') return stored.result;
  } catch {
    /* absent or unreadable: probe */
  }
  const result = await (o.run ?? runProbe)(program);
  try {
    await fs.mkdir(path.dirname(o.file), { recursive: true, mode: 0o700 });
    const tmp = `${o.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify({ key, result }), { mode: 0o600 });
    await fs.rename(tmp, o.file);
  } catch {
    /* read-only home: probe again next time */
  }
  return result;
}

let cached: Promise<ProbeResult> | undefined;

/** The bubblewrap probe: from the on-disk cache, probed at most once per machine, Tandem version and bubblewrap. */
export const probeBubblewrap: SandboxProbe = () => (cached ??= cachedProbe({ file: probeCacheFile() }).catch(() => runProbe()));
