// Owns the bubblewrap command line for one confined command. Nothing of the host is visible unless
// listed: system folders and toolchain homes read-only, an empty private home and /tmp, a fresh
// /dev and /proc, the workspace writable (workspace-write) except its protected paths, its secret
// files masked; new user (no capabilities, also as root), PID, IPC, UTS and — unless allowed —
// network namespaces. Pure: the caller says which paths exist.
export type SandboxMode = 'workspace-write' | 'read-only' | 'off';

export const SANDBOX_MODES: readonly SandboxMode[] = ['workspace-write', 'read-only', 'off'];

/**
 * --unshare-user: a user namespace of its own (as root too, where it is what lets --cap-drop take
 * every capability, so a command cannot umount a hidden folder or remount / read-write).
 * --unshare-pid with --die-with-parent: killing bwrap ends the PID namespace and every process in
 * it, setsid and double-forked daemons included. --new-session stops TIOCSTI keystroke injection.
 */
export const NAMESPACE_FLAGS = ['--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--new-session'];

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
  /**
   * Host paths readable inside (read-only): system folders, toolchain homes, the program's folders.
   * Anything else outside the workspace does not exist inside. Undefined: the whole disk (tests of
   * other parts only).
   */
  readable?: string[];
  /** The home folder: an empty private folder inside, with the readable paths below it shown. */
  home?: string;
  /** Workspace files shown empty (secret files): `emptyFile` is bound over each. */
  masked?: string[];
  emptyFile?: string;
  /** The process runs as root: every capability is dropped. */
  asRoot?: boolean;
}

/** Parents before children, so a deeper bind is not covered by a later one. */
const byDepth = (a: string, b: string) => a.split('/').length - b.split('/').length || a.localeCompare(b);
const under = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/** Arguments for `bwrap`, up to and including `--`; the program and its arguments follow. */
export function bwrapArgs(p: BwrapPlan): string[] {
  const args: string[] = [];
  const readable = p.readable === undefined ? undefined : [...new Set(p.readable)].sort(byDepth);
  // The home folder made readable as a whole (the user's choice) is not emptied.
  const home = readable && p.home && p.home !== '/' && !readable.includes(p.home) ? p.home : undefined;
  if (readable === undefined) args.push('--ro-bind', '/', '/');
  else for (const r of readable) if (!home || !under(home, r)) args.push('--ro-bind-try', r, r);
  args.push('--dev', '/dev', '--proc', '/proc');
  args.push('--bind', p.privateTmp, '/tmp');
  for (const v of p.visibleTmp ?? []) args.push('--ro-bind', v, v);
  // The home is emptied after the visible /tmp folders, so one that holds it (a home or a checkout under
  // /tmp) cannot show it again; its toolchain homes are bound back on top.
  if (home && readable) {
    args.push('--tmpfs', home);
    for (const r of readable) if (under(home, r) && r !== home) args.push('--ro-bind-try', r, r);
  }
  // The workspace comes after /tmp: a workspace under /tmp must stay the real one, not the private copy.
  args.push(p.mode === 'workspace-write' ? '--bind' : '--ro-bind', p.workspaceRoot, p.workspaceRoot);
  if (p.mode === 'workspace-write') {
    // A mount point cannot be renamed or removed, so `mv .git x && mkdir .git` cannot swap in new hooks.
    for (const dir of p.pinned) args.push('--bind', dir, dir);
    for (const ro of p.readOnly) args.push('--ro-bind', ro, ro);
  }
  for (const m of p.masked ?? []) args.push('--ro-bind', p.emptyFile ?? '/dev/null', m);
  // Hidden last, so no later bind (a visible /tmp folder, the workspace) shows them again.
  for (const h of p.hidden) args.push(...(h.dir ? ['--tmpfs', h.path] : ['--ro-bind', '/dev/null', h.path]));
  args.push(...NAMESPACE_FLAGS);
  if (p.asRoot) args.push('--cap-drop', 'ALL');
  if (!p.network) args.push('--unshare-net');
  args.push('--chdir', p.cwd, '--');
  return args;
}
