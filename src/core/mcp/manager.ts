// Owns the MCP servers of a workspace: which may start (a workspace-defined server only when the
// workspace is trusted and the user enabled that exact definition), their connections, the tools
// they offer the agent, their status for the UI, restart, enable/disable, and clean shutdown.
import { EventEmitter } from 'node:events';
import type { Tool } from '../tools/types';
import { definitionHash, isWorkspaceDefined, type McpServerDef } from './config';
import { McpConnection, type ConnectionOptions, type McpState } from './connection';
import { makeMcpTool, toolDefinitionHash, type AllowStore } from './mcpTool';
import { assignToolNames, mcpToolName, toolKey } from './toolNames';

/** Remembers which workspace-defined server definitions the user enabled (by definition hash). */
export interface EnablementStore {
  get(server: string): string | undefined;
  set(server: string, definitionHash: string | undefined): void;
}

export interface McpServerStatus {
  name: string;
  source: McpServerDef['source'];
  transport: McpServerDef['transport'];
  state: McpState | 'needs enabling' | 'untrusted' | 'disabled';
  reason?: string;
  tools: number;
}

export interface McpManagerOptions extends ConnectionOptions {
  servers: McpServerDef[];
  trusted: boolean;
  enablement: EnablementStore;
  allow: AllowStore;
  /** Problems worth telling the user once: colliding tool names, tools left out. */
  onWarning?: (message: string) => void;
}

export class McpManager extends EventEmitter {
  private readonly connections = new Map<string, McpConnection>();
  /** Names given to tools at the last tools() (server + tool -> name), for "always allow". */
  private names = new Map<string, string>();
  private readonly warned = new Set<string>();

  constructor(private readonly opts: McpManagerOptions) {
    super();
    for (const def of opts.servers) {
      const conn = new McpConnection(def, opts);
      conn.on('state', () => this.emit('changed'));
      conn.on('toolsChanged', () => {
        this.dropStaleAllows(conn);
        this.emit('changed');
      });
      this.connections.set(def.name, conn);
    }
  }

  /** Why a server may not start, or undefined when it may. */
  private blocked(def: McpServerDef): McpServerStatus['state'] | undefined {
    if (this.opts.enablement.get(def.name) === 'disabled') return 'disabled';
    if (!isWorkspaceDefined(def)) return undefined;
    if (!this.opts.trusted) return 'untrusted';
    return this.opts.enablement.get(def.name) === definitionHash(def) ? undefined : 'needs enabling';
  }

  private dropStaleAllows(conn: McpConnection): void {
    for (const t of conn.tools) {
      const name = this.names.get(toolKey({ server: conn.def.name, tool: t.name })) ?? mcpToolName(conn.def.name, t.name);
      const remembered = this.opts.allow.get(name);
      if (remembered && remembered !== toolDefinitionHash(t)) this.opts.allow.set(name, undefined);
    }
  }

  /** Starts every server that may start (in parallel) and returns their tools; failures show in status(). */
  async tools(): Promise<Tool[]> {
    const usable = [...this.connections.values()].filter((c) => !this.blocked(c.def));
    await Promise.allSettled(usable.map((c) => c.start()));
    const { names, warnings } = assignToolNames(usable.flatMap((c) => c.tools.map((t) => ({ server: c.def.name, tool: t.name }))));
    this.names = names;
    const tools: Tool[] = [];
    for (const c of usable) {
      for (const t of c.tools) {
        try {
          tools.push(makeMcpTool(c, t, this.opts.allow, names.get(toolKey({ server: c.def.name, tool: t.name }))) as Tool);
        } catch (err) {
          warnings.push((err as Error).message);
        }
      }
    }
    for (const w of warnings) this.warn(w);
    return tools;
  }

  /** Says each distinct problem once per manager, however often the tool list is rebuilt. */
  private warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    if (this.opts.onWarning) this.opts.onWarning(message);
    else this.opts.onLog?.('mcp', message);
  }

  status(): McpServerStatus[] {
    return [...this.connections.values()].map((c) => {
      const blocked = this.blocked(c.def);
      return { name: c.def.name, source: c.def.source, transport: c.def.transport, state: blocked ?? c.state, reason: blocked ? undefined : c.reason, tools: c.tools.length };
    });
  }

  connection(name: string): McpConnection | undefined {
    return this.connections.get(name);
  }

  async restart(name: string): Promise<void> {
    const c = this.connections.get(name);
    if (!c) throw new Error(`There is no MCP server named "${name}".`);
    if (this.blocked(c.def)) throw new Error(`MCP server "${name}" is ${this.blocked(c.def)}.`);
    await c.restart();
  }

  /** Enabling a server records its current definition: a changed definition must be enabled again. */
  async setEnabled(name: string, enabled: boolean): Promise<void> {
    const c = this.connections.get(name);
    if (!c) throw new Error(`There is no MCP server named "${name}".`);
    this.opts.enablement.set(name, enabled ? (isWorkspaceDefined(c.def) ? definitionHash(c.def) : undefined) : 'disabled');
    if (!enabled) await c.stop();
    this.emit('changed');
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([...this.connections.values()].map((c) => c.stop()));
    this.removeAllListeners();
  }
}
