// Owns the sandbox of one host (the CLI run, the extension): its mode and network setting, whether
// it can confine at all (probed once), the one warning when it cannot, and turning a program into
// its confined form for a workspace — private /tmp made before and removed after, protected paths
// mounted read-only.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { protectedWorkspaceDirs } from '../policy/pathRules';
import { isInside as inside } from '../util/containment';
import { bwrapArgs, type SandboxMode } from './bwrapArgs';
import { BWRAP, probeBubblewrap, type SandboxProbe } from './probe';
import { makePlaceholders, programDirs, readablePaths, removePlaceholders, secretFilesIn, tandemStatePaths } from './hostView';

export interface SandboxOptions {
  mode: SandboxMode;
  /** Let confined commands reach the network (tandem.agent.sandbox.network / --sandbox-network). */
  network: boolean;
  /** Injected in tests; default: the real bubblewrap probe, cached per process. */
  probe?: SandboxProbe;
  /** Said once, the first time the sandbox turns out to be unusable. */
  onUnavailable?: (message: string) => void;
  /** Workspace-relative paths kept read-only (default: the policy's protectedWorkspaceDirs()). */
  protectedPaths?: () => string[];
  /** Host sockets, folders and files hidden inside (default: hostHiddenPaths()). */
  hiddenPaths?: string[];
  /** Host paths readable besides the system folders and toolchain homes (tandem.agent.sandbox.readable / --sandbox-read). */
  readable?: string[];
  /** The home folder commands see as empty but for its toolchain homes (default: os.homedir()). */
  home?: string;
}

/**
 * Host paths hidden inside the sandbox. Sockets that control the host, because connecting to a
 * socket works on a read-only file system: container engines (root-equivalent), the system bus, the
 * user's runtime folder (session bus, ssh-agent, gpg-agent, podman). And the credential stores of
 * the home folder, so a command cannot print them to the model: none is needed to build or test.
 */
export const HOME_CREDENTIALS = [
  '.ssh', '.aws', '.gnupg', '.azure', '.kube', '.config/gh', '.config/gcloud', '.git-credentials', '.docker', '.netrc', '.npmrc', '.pypirc',
  '.codex/auth.json', '.claude/.credentials.json', '.config/github-copilot', '.gemini', '.local/share/keyrings', '.password-store', '.vault-token',
  '.cargo/credentials', '.cargo/credentials.toml', '.gem/credentials', '.m2/settings-security.xml', '.gradle/gradle.properties', '.terraform.d/credentials.tfrc.json',
];

export function hostHiddenPaths(home = os.homedir(), runtimeDir = process.env.XDG_RUNTIME_DIR || `/run/user/${process.getuid?.() ?? 0}`, env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    '/run/docker.sock', '/var/run/docker.sock', '/run/podman/podman.sock', '/run/containerd/containerd.sock',
    '/run/dbus/system_bus_socket', '/var/run/dbus/system_bus_socket', runtimeDir, '/etc/shadow', '/etc/gshadow',
    ...HOME_CREDENTIALS.map((p) => path.join(home, p)),
    ...tandemStatePaths(env, home),
  ];
}

export interface SandboxStatus {
  mode: SandboxMode;
  network: boolean;
  /** Commands will run inside a working sandbox. */
  confined: boolean;
  /** Why not, when not confined. */
  reason?: string;
}

export interface ConfinedProgram {
  file: string;
  args: string[];
  /** Environment additions inside the sandbox (TMPDIR). */
  env: NodeJS.ProcessEnv;
  /** Removes the private /tmp; returns the protected paths the program created or replaced. */
  release(): Promise<string[]>;
}

/**
 * The top-level entries of the host's /tmp that hold any of `paths` (which may not exist): they are
 * mounted read-only over the private /tmp so a program, checkout or toolchain under /tmp stays there.
 */
async function tmpEntriesOf(paths: string[]): Promise<string[]> {
  const tmp = await fs.realpath('/tmp').catch(() => '/tmp');
  const out = new Set<string>();
  await Promise.all(
    paths.map(async (p) => {
      if (!p || !path.isAbsolute(p)) return;
      const real = await fs.realpath(p).catch(() => path.resolve(p));
      const rel = path.relative(tmp, real);
      if (!rel || !inside(tmp, real)) return;
      const entry = path.join(tmp, rel.split(path.sep)[0]);
      if (await fs.lstat(entry).then((st) => st.isDirectory() || st.isFile(), () => false)) out.add(entry);
    }),
  );
  return [...out].sort();
}

/** What a path is now (inode and type), to tell whether a command created or replaced it. */
async function identity(p: string): Promise<string> {
  const st = await fs.lstat(p).catch(() => undefined);
  return st ? `${st.dev}:${st.ino}:${st.mode & 0o170000}` : 'missing';
}

/** Existing host paths to hide, canonical and without duplicates (/var/run is often /run). */
async function existingHidden(paths: string[]): Promise<Array<{ path: string; dir: boolean }>> {
  const out = new Map<string, boolean>();
  for (const p of paths) {
    const real = await fs.realpath(p).catch(() => undefined);
    const st = real && (await fs.stat(real).catch(() => undefined));
    if (real && st) out.set(real, st.isDirectory());
  }
  return [...out].map(([p, dir]) => ({ path: p, dir }));
}

export class Sandbox {
  private warned = false;
  private hidden: { at: number; paths: Promise<Array<{ path: string; dir: boolean }>> } | undefined;

  constructor(private readonly opts: SandboxOptions) {}

  get mode(): SandboxMode {
    return this.opts.mode;
  }

  /** The host paths to hide, looked up at most once a minute (a socket may appear later). */
  private hiddenNow(): Promise<Array<{ path: string; dir: boolean }>> {
    const now = Date.now();
    if (!this.hidden || now - this.hidden.at > 60_000) this.hidden = { at: now, paths: existingHidden(this.opts.hiddenPaths ?? hostHiddenPaths()) };
    return this.hidden.paths;
  }

  /** For the model and the user: what a confined command may do. */
  describe(): string {
    const writes = this.opts.mode === 'read-only' ? 'only /tmp (private) is writable' : 'the workspace and a private /tmp are writable, protected paths (.git/hooks, .git/config, .vscode, …) are not';
    return `${writes}; network ${this.opts.network ? 'on' : 'off'}`;
  }

  async status(): Promise<SandboxStatus> {
    const { mode, network } = this.opts;
    if (mode === 'off') return { mode, network, confined: false, reason: 'the sandbox is switched off (tandem.agent.sandbox / --sandbox off)' };
    const probe = await (this.opts.probe ?? probeBubblewrap)();
    if (probe.available) return { mode, network, confined: true };
    if (!this.warned) {
      this.warned = true;
      this.opts.onUnavailable?.(`Commands cannot be sandboxed: ${probe.reason} In full-auto, Tandem will ask before every command (switch the sandbox off with tandem.agent.sandbox: off / --sandbox off to run them unconfined).`);
    }
    return { mode, network, confined: false, reason: probe.reason };
  }

  /** The confined form of `file args` run in `cwd`, or undefined when commands run unconfined. */
  /** `override.readable`: host paths this one program is made of (an MCP server's folder), shown read-only like --sandbox-read. */
  /** `override.unmask`: secret files of the workspace the user approved this one program to read (shown as they are). */
  async confine(file: string, args: string[], where: { workspaceRoot: string; cwd: string }, override: { network?: boolean; readable?: string[]; unmask?: string[] } = {}): Promise<ConfinedProgram | undefined> {
    const status = await this.status();
    if (!status.confined || this.opts.mode === 'off') return undefined;
    const root = where.workspaceRoot;
    const pinned: string[] = [];
    const rels = (this.opts.protectedPaths ?? protectedWorkspaceDirs)();
    const gitDir = path.join(root, '.git');
    if ((await fs.lstat(gitDir).catch(() => undefined))?.isDirectory()) {
      pinned.push(gitDir);
      // Without a hooks folder a command could create one; git itself would make it on init anyway.
      await fs.mkdir(path.join(gitDir, 'hooks'), { recursive: true }).catch(() => undefined);
      // Submodules keep their own hooks and config under .git/modules/NAME.
      const modules = await fs.readdir(path.join(gitDir, 'modules')).catch(() => [] as string[]);
      for (const m of modules) rels.push(`.git/modules/${m}/hooks`, `.git/modules/${m}/config`);
    }
    // The file-system checks run together: they are most of the sandbox's start time after bwrap's own.
    const [checked, privateTmp, hidden, visibleTmp] = await Promise.all([
      Promise.all(
        rels.map(async (rel) => {
          const abs = path.join(root, rel);
          // A missing protected path cannot be mounted (it would appear in the workspace); one that is a
          // symlink can be removed and recreated. Both are checked after the run and reported.
          const id = await identity(abs);
          const real = id === 'missing' ? undefined : await fs.realpath(abs).catch(() => undefined);
          // A protected name linking outside the workspace is read-only already (the whole disk is).
          return { rel, id, real: real && inside(root, real) && real !== root ? real : undefined };
        }),
      ),
      fs.mkdtemp(path.join(os.tmpdir(), 'tandem-sandbox-')),
      this.hiddenNow(),
      tmpEntriesOf([file, ...args.filter((a) => path.isAbsolute(a)), where.cwd, process.cwd(), path.dirname(process.execPath), os.homedir(), ...(process.env.PATH ?? '').split(path.delimiter)]),
    ]);
    const before = new Map(checked.map((c) => [c.rel, c.id]));
    const mode = this.opts.mode;
    // Exec-on-open paths that do not exist yet get a read-only placeholder: the command cannot create them.
    const placeholders = mode === 'workspace-write' ? await makePlaceholders(root, checked.filter((c) => c.id === 'missing').map((c) => c.rel)) : [];
    const readOnly = [...checked.flatMap((c) => (c.real ? [c.real] : [])), ...placeholders.map((p) => p.path)];
    const network = override.network ?? this.opts.network;
    const home = path.resolve(this.opts.home ?? os.homedir());
    // Only paths this user can reach: bwrap stops at a source it may not read (root's PATH entries for another user).
    const wanted = readablePaths({ home, network, extra: [...(this.opts.readable ?? []), ...(override.readable ?? [])], programDirs: [path.dirname(file), ...programDirs()] });
    const readable = (await Promise.all(wanted.map(async (p) => ((await fs.stat(p).then(() => true, () => false)) ? p : undefined)))).filter((p): p is string => p !== undefined);
    const unmask = new Set(await Promise.all((override.unmask ?? []).map((p) => fs.realpath(p).catch(() => p))));
    const masked = (await secretFilesIn(root)).filter((f) => !unmask.has(f));
    // Secret files show as this empty file (a bound /dev/null cannot be opened: binds are nodev).
    const empty = `${privateTmp}.empty`;
    await fs.writeFile(empty, '', { mode: 0o444 });
    const asRoot = process.getuid?.() === 0;
    const prefix = bwrapArgs({ mode, network, workspaceRoot: root, privateTmp, visibleTmp: visibleTmp.filter((v) => !inside(v, privateTmp)), readOnly, pinned, hidden, cwd: where.cwd, readable, home, masked, emptyFile: empty, asRoot });
    return {
      file: BWRAP,
      args: [...prefix, file, ...args],
      env: { TMPDIR: '/tmp' },
      release: async () => {
        await fs.rm(privateTmp, { recursive: true, force: true }).catch(() => undefined);
        await removePlaceholders(placeholders);
        await fs.rm(empty, { force: true }).catch(() => undefined);
        const after = await Promise.all([...before].map(async ([rel, id]) => ((await identity(path.join(root, rel))) !== id ? rel : undefined)));
        return after.filter((rel): rel is string => rel !== undefined);
      },
    };
  }
}
