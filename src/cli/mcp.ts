// MCP servers for `tandem exec`: the same core manager as the panel. User-level servers come from
// ~/.codex/config.toml; the workspace's .vscode/mcp.json servers start only once enabled with
// --enable-mcp (remembered per workspace in ~/.config/tandem/mcp.json until their definition
// changes). "Always allow" lasts for the run.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMcpConfig, type McpServerDef } from '../core/mcp/config';
import type { EnablementStore } from '../core/mcp/manager';
import type { AllowStore } from '../core/mcp/mcpTool';
import type { Sandbox } from '../core/sandbox/sandbox';
import type { Tool } from '../core/tools/types';
import type { Writable } from './render';

function stateFile(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'tandem', 'mcp.json');
}

async function fileEnablement(file: string, root: string): Promise<EnablementStore & { flush(): Promise<void> }> {
  let all: Record<string, Record<string, string>> = {};
  try {
    all = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    /* none yet, or unreadable: start empty */
  }
  const mine = (all[root] ??= {});
  return {
    get: (name) => mine[name],
    set: (name, hash) => {
      if (hash === undefined) delete mine[name];
      else mine[name] = hash;
    },
    flush: async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, JSON.stringify(all, null, 2));
    },
  };
}

export interface CliMcp {
  tools: Tool[];
  dispose(): Promise<void>;
}

/** `extra`: servers the caller brings (an ACP client's), started like the user's own. `own`: false leaves out the configured ones. */
export async function startCliMcp(root: string, env: NodeJS.ProcessEnv, enable: string[], stderr: Writable, sandbox?: Sandbox, extra: McpServerDef[] = [], own = true): Promise<CliMcp> {
  const loaded = own ? await loadMcpConfig({ workspaceRoot: root, codexConfig: env.TANDEM_CODEX_CONFIG || undefined }) : { servers: [], issues: [] };
  const config = { issues: loaded.issues, servers: [...loaded.servers, ...extra.filter((e) => !loaded.servers.some((s) => s.name === e.name))] };
  for (const issue of config.issues) stderr.write(`MCP: ${issue.source}${issue.name ? ` "${issue.name}"` : ''}: ${issue.message}\n`);
  if (config.servers.length === 0) return { tools: [], dispose: async () => undefined };
  // The MCP SDK loads only when there is a server to start (most runs have none).
  const { McpManager } = await import('../core/mcp/manager');
  const enablement = await fileEnablement(stateFile(env), root);
  const allowed = new Map<string, string>();
  const allow: AllowStore = { get: (n) => allowed.get(n), set: (n, h) => (h === undefined ? allowed.delete(n) : allowed.set(n, h)) };
  const manager = new McpManager({ servers: config.servers, trusted: true, enablement, allow, ...(sandbox ? { sandbox: { sandbox, workspaceRoot: root } } : {}), onLog: (s, line) => env.TANDEM_MCP_LOG && stderr.write(`[mcp ${s}] ${line}\n`), onWarning: (m) => stderr.write(`MCP: ${m}\n`) });
  for (const name of enable) {
    if (!config.servers.some((s) => s.name === name)) stderr.write(`MCP: there is no server named "${name}" to enable.\n`);
    else await manager.setEnabled(name, true);
  }
  if (enable.length) await enablement.flush();
  const tools = await manager.tools();
  for (const s of manager.status()) {
    if (s.state === 'error') stderr.write(`MCP: server "${s.name}" is not available: ${s.reason}\n`);
    else if (s.state === 'needs enabling') stderr.write(`MCP: the workspace's server "${s.name}" was not started; allow it with --enable-mcp ${s.name}\n`);
  }
  return { tools, dispose: () => manager.dispose() };
}
