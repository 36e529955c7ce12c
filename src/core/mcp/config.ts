// Owns where MCP servers come from, merged into one list: the tandem.mcp.servers setting, the
// workspace's .vscode/mcp.json (VS Code's format) and the [mcp_servers.NAME] tables of Codex's
// ~/.codex/config.toml. A bad entry becomes a clear issue; the others still load.
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { readIfExists } from '../util/files';
import { parse as parseToml } from 'smol-toml';
import * as z from 'zod';

export type McpSource = 'user settings' | 'workspace settings' | '.vscode/mcp.json' | '~/.codex/config.toml';

export interface McpServerDef {
  name: string;
  source: McpSource;
  transport: 'stdio' | 'http' | 'sse';
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  url?: string;
  headers?: Record<string, string>;
  /**
   * Run this stdio server in the command sandbox (workspace writable, the rest read-only, network
   * on). Default: yes for servers the workspace defines, no for the user's own.
   */
  sandbox?: boolean;
}

export interface ConfigIssue {
  source: McpSource;
  name?: string;
  message: string;
}

export interface LoadedConfig {
  servers: McpServerDef[];
  issues: ConfigIssue[];
}

const Entry = z
  .object({
    type: z.enum(['stdio', 'http', 'sse', 'streamableHttp']).optional(),
    command: z.string().min(1).optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
    cwd: z.string().optional(),
    url: z.string().url().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    sandbox: z.boolean().optional(),
  })
  .passthrough();

/** Servers defined by the workspace start only when it is trusted and the user enabled them. */
export function isWorkspaceDefined(def: McpServerDef): boolean {
  return def.source === 'workspace settings' || def.source === '.vscode/mcp.json';
}

/** What must be enabled again when it changes. */
export function definitionHash(def: McpServerDef): string {
  const { transport, command, args, env, cwd, url, headers, sandbox } = def;
  return createHash('sha256').update(JSON.stringify({ transport, command, args, env, cwd, url, headers, sandbox })).digest('hex').slice(0, 16);
}

function substitute(value: string, vars: { workspaceFolder?: string }): string {
  return value
    .replace(/\$\{workspaceFolder\}/g, vars.workspaceFolder ?? '')
    .replace(/\$\{userHome\}/g, os.homedir())
    .replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => process.env[name] ?? '');
}

/** Parses `{ NAME: {type, command, args, env, cwd, url, headers} }` (VS Code's and Codex's shapes). */
export function parseServers(servers: unknown, source: McpSource, vars: { workspaceFolder?: string } = {}): LoadedConfig {
  const out: LoadedConfig = { servers: [], issues: [] };
  if (servers === undefined || servers === null) return out;
  if (typeof servers !== 'object' || Array.isArray(servers)) {
    out.issues.push({ source, message: 'the servers must be an object of name → definition' });
    return out;
  }
  for (const [name, raw] of Object.entries(servers as Record<string, unknown>)) {
    const parsed = Entry.safeParse(raw);
    if (!parsed.success) {
      out.issues.push({ source, name, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ') });
      continue;
    }
    const e = parsed.data;
    const transport = e.type === 'sse' ? 'sse' : e.type === 'http' || e.type === 'streamableHttp' || (!e.type && e.url && !e.command) ? 'http' : 'stdio';
    if (transport === 'stdio' && !e.command) {
      out.issues.push({ source, name, message: 'a stdio server needs a "command"' });
      continue;
    }
    if (transport !== 'stdio' && !e.url) {
      out.issues.push({ source, name, message: `an ${transport} server needs a "url"` });
      continue;
    }
    const sub = (v: string) => substitute(v, vars);
    const map = (r?: Record<string, string>) => (r ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, sub(v)])) : undefined);
    out.servers.push({
      name,
      source,
      transport,
      command: e.command && sub(e.command),
      args: e.args?.map(sub),
      env: map(e.env as Record<string, string> | undefined),
      cwd: e.cwd ? sub(e.cwd) : undefined,
      url: e.url && sub(e.url),
      ...(e.sandbox !== undefined ? { sandbox: e.sandbox } : {}),
      headers: map(e.headers),
    });
  }
  return out;
}


export interface ConfigSources {
  userSettings?: unknown;
  workspaceSettings?: unknown;
  workspaceRoot?: string;
  /** Default ~/.codex/config.toml; null to skip. */
  codexConfig?: string | null;
}

/** Loads and merges every source; a later source's server of the same name wins, with an issue. */
export async function loadMcpConfig(src: ConfigSources): Promise<LoadedConfig> {
  const vars = { workspaceFolder: src.workspaceRoot };
  const parts: LoadedConfig[] = [parseServers(src.userSettings, 'user settings', vars)];
  const codexPath = src.codexConfig === undefined ? path.join(os.homedir(), '.codex', 'config.toml') : src.codexConfig;
  if (codexPath) {
    try {
      const text = await readIfExists(codexPath);
      if (text !== undefined) parts.push(parseServers((parseToml(text) as { mcp_servers?: unknown }).mcp_servers, '~/.codex/config.toml', vars));
    } catch (err) {
      parts.push({ servers: [], issues: [{ source: '~/.codex/config.toml', message: `${codexPath} could not be read: ${(err as Error).message.split('\n')[0]}` }] });
    }
  }
  if (src.workspaceRoot) {
    const file = path.join(src.workspaceRoot, '.vscode', 'mcp.json');
    try {
      const text = await readIfExists(file);
      if (text !== undefined) parts.push(parseServers((JSON.parse(stripJsonComments(text)) as { servers?: unknown }).servers, '.vscode/mcp.json', vars));
    } catch (err) {
      parts.push({ servers: [], issues: [{ source: '.vscode/mcp.json', message: `.vscode/mcp.json is not valid JSON: ${(err as Error).message}` }] });
    }
  }
  parts.push(parseServers(src.workspaceSettings, 'workspace settings', vars));
  const byName = new Map<string, McpServerDef>();
  const issues = parts.flatMap((p) => p.issues);
  for (const def of parts.flatMap((p) => p.servers)) {
    const before = byName.get(def.name);
    if (before) issues.push({ source: def.source, name: def.name, message: `replaces the server of the same name from ${before.source}` });
    byName.set(def.name, def);
  }
  return { servers: [...byName.values()], issues };
}

/** VS Code's JSON files allow comments and trailing commas. */
function stripJsonComments(text: string): string {
  return text
    .replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str: string | undefined) => str ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
}
