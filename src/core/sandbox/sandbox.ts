// Owns the sandbox of one host (the CLI run, the extension): its mode and network setting, whether
// it can confine at all (probed once), the one warning when it cannot, and turning a program into
// its confined form for a workspace — private /tmp made before and removed after, protected paths
// mounted read-only.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { protectedWorkspaceDirs } from '../policy/protectedPaths';
import { bwrapArgs, type SandboxMode } from './bwrapArgs';
import { BWRAP, probeBubblewrap, type SandboxProbe } from './probe';

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
  /** Removes the private /tmp; returns the protected paths the program created (they did not exist before). */
  release(): Promise<string[]>;
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

export class Sandbox {
  private warned = false;

  constructor(private readonly opts: SandboxOptions) {}

  get mode(): SandboxMode {
    return this.opts.mode;
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
      this.opts.onUnavailable?.(`Commands cannot be sandboxed: ${probe.reason} In full-auto, Tandem will ask before each command it does not consider safe on its own.`);
    }
    return { mode, network, confined: false, reason: probe.reason };
  }

  /** The confined form of `file args` run in `cwd`, or undefined when commands run unconfined. */
  async confine(file: string, args: string[], where: { workspaceRoot: string; cwd: string }, override: { network?: boolean } = {}): Promise<ConfinedProgram | undefined> {
    const status = await this.status();
    if (!status.confined || this.opts.mode === 'off') return undefined;
    const root = where.workspaceRoot;
    const readOnly: string[] = [];
    const pinned: string[] = [];
    const missing: string[] = [];
    const gitDir = path.join(root, '.git');
    if ((await fs.lstat(gitDir).catch(() => undefined))?.isDirectory()) {
      pinned.push(gitDir);
      // Without a hooks folder a command could create one; git itself would make it on init anyway.
      await fs.mkdir(path.join(gitDir, 'hooks'), { recursive: true }).catch(() => undefined);
    }
    for (const rel of (this.opts.protectedPaths ?? protectedWorkspaceDirs)()) {
      const abs = path.join(root, rel);
      if (!(await exists(abs))) {
        if (!rel.includes('/')) missing.push(rel);
        continue;
      }
      const real = await fs.realpath(abs).catch(() => undefined);
      // A protected name linking outside the workspace is read-only already (the whole disk is).
      if (real && inside(root, real) && real !== root) readOnly.push(real);
    }
    const privateTmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-sandbox-'));
    const mode = this.opts.mode;
    const prefix = bwrapArgs({ mode, network: override.network ?? this.opts.network, workspaceRoot: root, privateTmp, readOnly, pinned, cwd: where.cwd });
    return {
      file: BWRAP,
      args: [...prefix, file, ...args],
      env: { TMPDIR: '/tmp' },
      release: async () => {
        await fs.rm(privateTmp, { recursive: true, force: true }).catch(() => undefined);
        const created: string[] = [];
        for (const rel of missing) if (await exists(path.join(root, rel))) created.push(rel);
        return created;
      },
    };
  }
}
