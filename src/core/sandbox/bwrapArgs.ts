// Owns the bubblewrap command line for one confined command: the whole file system read-only, a
// fresh /dev and /proc, a private /tmp, the workspace writable (workspace-write) except its protected
// paths, and new PID/IPC/UTS (and, unless allowed, network) namespaces. Pure: the caller says which
// protected paths exist.
export type SandboxMode = 'workspace-write' | 'read-only' | 'off';

export const SANDBOX_MODES: readonly SandboxMode[] = ['workspace-write', 'read-only', 'off'];

/**
 * --unshare-pid with --die-with-parent: killing bwrap ends the PID namespace and every process in
 * it, setsid and double-forked daemons included. --new-session stops TIOCSTI keystroke injection.
 */
export const NAMESPACE_FLAGS = ['--unshare-pid', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--new-session'];

export interface BwrapPlan {
  mode: Exclude<SandboxMode, 'off'>;
  network: boolean;
  /** Canonical workspace root. */
  workspaceRoot: string;
  /** A fresh host directory mounted as /tmp inside. */
  privateTmp: string;
  /**
   * Host entries of /tmp that stay visible (read-only) over the private /tmp: the folders the
   * program, its arguments, its folder or the host process live in (a checkout or a toolchain under
   * /tmp must not vanish).
   */
  visibleTmp?: string[];
  /** Absolute, canonical paths inside the workspace to mount read-only (existing ones only). */
  readOnly: string[];
  /** Absolute, canonical directories to bind onto themselves first so they cannot be renamed away. */
  pinned: string[];
  /** Host paths replaced by an empty folder (dir) or /dev/null (sockets, files). */
  hidden: Array<{ path: string; dir: boolean }>;
  cwd: string;
}

/** Arguments for `bwrap`, up to and including `--`; the program and its arguments follow. */
export function bwrapArgs(p: BwrapPlan): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  args.push('--bind', p.privateTmp, '/tmp');
  for (const v of p.visibleTmp ?? []) args.push('--ro-bind', v, v);
  // The workspace comes after /tmp: a workspace under /tmp must stay the real one, not the private copy.
  args.push(p.mode === 'workspace-write' ? '--bind' : '--ro-bind', p.workspaceRoot, p.workspaceRoot);
  if (p.mode === 'workspace-write') {
    // A mount point cannot be renamed or removed, so `mv .git x && mkdir .git` cannot swap in new hooks.
    for (const dir of p.pinned) args.push('--bind', dir, dir);
    for (const ro of p.readOnly) args.push('--ro-bind', ro, ro);
  }
  // Hidden last, so no later bind (a visible /tmp folder, the workspace) shows them again.
  for (const h of p.hidden) args.push(...(h.dir ? ['--tmpfs', h.path] : ['--ro-bind', '/dev/null', h.path]));
  args.push(...NAMESPACE_FLAGS);
  if (!p.network) args.push('--unshare-net');
  args.push('--chdir', p.cwd, '--');
  return args;
}
