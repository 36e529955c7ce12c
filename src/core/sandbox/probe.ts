// Owns finding out, once per process, whether bubblewrap can confine commands here: Linux only, the
// `bwrap` program on PATH, and a real `bwrap … true` with the namespaces the sandbox uses (user
// namespaces may be switched off by the kernel or AppArmor even where bwrap is installed).
import { spawn } from 'node:child_process';
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

let cached: Promise<ProbeResult> | undefined;

/** The bubblewrap probe, run at most once per process. */
export const probeBubblewrap: SandboxProbe = () => (cached ??= runProbe());
