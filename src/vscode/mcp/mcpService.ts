// Owns MCP in VS Code: the servers merged from settings, .vscode/mcp.json and Codex's config, their
// manager (reloaded when any source or the workspace trust changes), enablement and "always allow"
// kept in workspace state, server stderr in the output channel, and the Tandem: MCP Servers command.
import * as vscode from 'vscode';
import { mcpScanner } from '../../core/mcp/guardScanner';
import { loadMcpConfig, type ConfigIssue } from '../../core/mcp/config';
import { McpManager, type EnablementStore } from '../../core/mcp/manager';
import type { AllowStore } from '../../core/mcp/mcpTool';
import type { Tool } from '../../core/tools/types';
import type { Log } from '../log';
import { readAgentSettings } from '../agent/settings';
import { createSandbox } from '../agent/sandbox';
import { openMcpJson } from './addServer';

/** The list entry that adds a server (no server may have this name: it holds a space). */
const ADD_SERVER = 'add server';

function mementoStore(memento: vscode.Memento, key: string): EnablementStore & AllowStore {
  return {
    get: (name) => memento.get<Record<string, string>>(key, {})[name],
    set: (name, hash) => {
      const all = { ...memento.get<Record<string, string>>(key, {}) };
      if (hash === undefined) delete all[name];
      else all[name] = hash;
      void memento.update(key, all);
    },
  };
}

export class McpService implements vscode.Disposable {
  private manager: McpManager | undefined;
  private issues: ConfigIssue[] = [];
  private loading: Promise<McpManager> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when servers or their tools change (the panel rebuilds its agent's tool list). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/mcp.json');
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => this.reload()),
      watcher.onDidCreate(() => this.reload()),
      watcher.onDidDelete(() => this.reload()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tandem.mcp') && this.reload()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()),
      vscode.commands.registerCommand('tandem.mcpServers', () => this.showServers()),
    );
    if (vscode.workspace.getConfiguration('tandem').get<boolean>('mcp.startOnLaunch', false)) void this.tools();
  }

  private load(): Promise<McpManager> {
    this.loading ??= (async () => {
      const c = vscode.workspace.getConfiguration('tandem').inspect<unknown>('mcp.servers');
      const root = vscode.workspace.workspaceFolders?.[0]?.uri;
      const cfg = await loadMcpConfig({ userSettings: c?.globalValue, workspaceSettings: c?.workspaceValue, workspaceRoot: root?.scheme === 'file' ? root.fsPath : undefined });
      this.issues = cfg.issues;
      for (const i of cfg.issues) this.log.warn(`MCP ${i.source}${i.name ? ` "${i.name}"` : ''}: ${i.message}`);
      const manager = new McpManager({
        servers: cfg.servers,
        trusted: vscode.workspace.isTrusted,
        enablement: mementoStore(this.state, 'tandem.mcp.enabled'),
        allow: mementoStore(this.state, 'tandem.mcp.allowed'),
        callTimeoutMs: vscode.workspace.getConfiguration('tandem').get<number>('mcp.callTimeoutMs', 60_000),
        onLog: (server, line) => this.log.info(`[mcp ${server}] ${line}`),
        // Workspace-defined stdio servers (and those with "sandbox": true) run in the command sandbox.
        ...(root?.scheme === 'file' ? { sandbox: { sandbox: createSandbox(readAgentSettings(), (m) => this.log.warn(m)), workspaceRoot: root.fsPath } } : {}),
        onWarning: (message) => this.log.warn(`MCP: ${message}`),
      });
      manager.on('changed', () => this.changed.fire());
      this.manager = manager;
      return manager;
    })();
    return this.loading;
  }

  private reload(): void {
    const old = this.manager;
    this.manager = undefined;
    this.loading = undefined;
    void old?.dispose();
    this.changed.fire();
  }

  /** Tools of every server that may start (started now if needed). */
  async tools(): Promise<Tool[]> {
    return (await this.load()).tools();
  }

  private async showServers(): Promise<void> {
    const manager = await this.load();
    const items: Array<vscode.QuickPickItem & { server?: string }> = manager.status().map((s) => ({
      label: `$(${s.state === 'running' ? 'pass' : s.state === 'error' ? 'error' : 'circle-outline'}) ${s.name}`,
      description: `${s.state}${s.tools ? ` · ${s.tools} tools` : ''} · ${s.transport} · ${s.source}`,
      detail: s.reason,
      server: s.name,
    }));
    for (const i of this.issues) items.push({ label: `$(warning) ${i.name ?? i.source}`, description: i.source, detail: i.message });
    if (items.length === 0) items.push({ label: 'No MCP servers configured', detail: 'Add them in .vscode/mcp.json (below), the tandem.mcp.servers setting, or ~/.codex/config.toml.' });
    items.push({ label: '$(add) Add server…', detail: 'Opens .vscode/mcp.json, created with commented examples when missing', server: ADD_SERVER });
    const picked = await vscode.window.showQuickPick(items, { title: 'Tandem: MCP Servers', matchOnDescription: true });
    if (picked?.server === ADD_SERVER) return openMcpJson();
    if (!picked?.server) return;
    const name = picked.server;
    const status = manager.status().find((s) => s.name === name);
    const actions = [status?.state === 'disabled' || status?.state === 'needs enabling' ? 'Enable' : 'Disable', 'Restart', 'Show Log'];
    const action = await vscode.window.showQuickPick(actions, { title: `MCP server "${name}"` });
    try {
      if (action === 'Enable') await manager.setEnabled(name, true);
      else if (action === 'Disable') await manager.setEnabled(name, false);
      else if (action === 'Restart') await manager.restart(name);
      else if (action === 'Show Log') this.log.show();
    } catch (err) {
      vscode.window.showErrorMessage(`Tandem: ${(err as Error).message}`);
    }
  }

  /** The scanner named by tandem.guard.mcpScanner ("server/tool"), or undefined when none is set or usable. */
  async scanner(): Promise<ReturnType<typeof mcpScanner> | undefined> {
    const spec = vscode.workspace.getConfiguration('tandem').get<string>('guard.mcpScanner', '').trim();
    if (!spec) return undefined;
    const [server, tool] = spec.includes('/') ? spec.split('/', 2) : [spec, 'scan'];
    const manager = await this.load();
    await manager.tools();
    const conn = manager.connection(server);
    if (!conn || conn.state !== 'running') {
      this.log.warn(`tandem.guard.mcpScanner names "${spec}", but MCP server "${server}" is not running.`);
      return undefined;
    }
    return mcpScanner(conn, tool);
  }

  /** For tests and the panel: the current status of every server. */
  async status(): Promise<ReturnType<McpManager['status']>> {
    return (await this.load()).status();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    void this.manager?.dispose();
    this.changed.dispose();
  }
}
