// Owns what an ACP client's "always" answers leave behind. A session remembers: the exact command
// entries allowed (core/policy/alwaysAllow: `=npm test`, never wider), the requests rejected for
// good (that exact command, that MCP tool), and whether edits were allowed for the session (it then
// runs in auto-edit). A command allowed "in this workspace" is also kept for later sessions, in the
// user's own config ($XDG_CONFIG_HOME/tandem/acp-allowed-commands.json, by canonical workspace
// root) — never in the workspace, where a cloned repository could plant it.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function allowedCommandsFile(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'), 'tandem', 'acp-allowed-commands.json');
}

/** Only exact entries are ever kept: anything else in the file is ignored. */
const exact = (v: unknown): v is string => typeof v === 'string' && v.startsWith('=') && v.length > 1 && !/[\0\n\r]/.test(v);

async function readAll(file: string): Promise<Record<string, string[]>> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([root, list]) => [root, Array.isArray(list) ? list.filter(exact) : []]));
  } catch {
    return {};
  }
}

/** The exact command entries the user allowed for this workspace in earlier sessions. */
export async function workspaceAllowedCommands(env: NodeJS.ProcessEnv, root: string): Promise<string[]> {
  return (await readAll(allowedCommandsFile(env)))[root] ?? [];
}

/** Adds one exact entry for this workspace (written whole, 0600: the user's file, not the workspace's). */
export async function rememberWorkspaceCommand(env: NodeJS.ProcessEnv, root: string, entry: string): Promise<void> {
  if (!exact(entry)) throw new Error(`only exact command entries are remembered, not ${JSON.stringify(entry)}`);
  const file = allowedCommandsFile(env);
  const all = await readAll(file);
  all[root] = [...new Set([...(all[root] ?? []), entry])];
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(tmp, file);
}

export interface PermissionMemory {
  /** Exact entries: this session's and this workspace's (the policy reads the same array). */
  readonly allowedCommands: string[];
  /** Requests rejected for good in this session: `command:<text>` or `tool:<name>`. */
  readonly rejected: Set<string>;
  /** The user allowed edits for this session: it switches to auto-edit (see AcpSession). */
  editsAllowed: boolean;
  allowEdits(): void;
  /** Keeps the entry for this workspace beyond the session; a failure is said to the client, the session keeps it anyway. */
  persistCommand(entry: string): Promise<void>;
}
