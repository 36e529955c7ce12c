// Loads the agent host (src/vscode/agent/agentHost.ts, bundled as dist/extensionAgent.js) on first use.
// Until then its commands are stand-ins that load it and run the real command, and the chat view is
// a thin provider that loads it when VS Code first shows the panel.
import * as vscode from 'vscode';
import type { AgentHost } from './agentHost';

/** Commands the agent host registers; LazyAgent stands in for them until the host is loaded. */
export const AGENT_HOST_COMMANDS = [
  'tandem.restoreCheckpoint',
  'tandem.mcpServers',
  'tandem.reviewFile',
  'tandem.showChangeLog',
  'tandem.exportChangeLog',
  'tandem.verifyChangeLog',
  'tandem.anchorChangeLog',
  'tandem.inlineChat',
  'tandem.inlineChat.send',
  'tandem.inlineChat.close',
  'tandem.inline.keepHunk',
  'tandem.inline.undoHunk',
  'tandem.inline.keepAll',
  'tandem.inline.undoAll',
  'tandem.approveHunkAtCursor',
  'tandem.rejectHunkAtCursor',
  'tandem.approveAll',
  'tandem.rejectAll',
  'tandem.stop',
] as const;

export class LazyAgent implements vscode.Disposable {
  private host: AgentHost | undefined;
  private stubs: vscode.Disposable[];
  private readonly loadedEmitter = new vscode.EventEmitter<number>();
  /** Fires once, with the milliseconds loading and constructing the host took. */
  readonly onDidLoad = this.loadedEmitter.event;

  constructor(
    private readonly load: () => AgentHost,
    commandIds: readonly string[],
  ) {
    this.stubs = commandIds.map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        this.get();
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }

  get loaded(): boolean {
    return this.host !== undefined;
  }

  /** The host, loaded and constructed on the first call. */
  get(): AgentHost {
    if (!this.host) {
      // The stand-ins go first: the host registers the real commands under the same ids.
      for (const s of this.stubs) s.dispose();
      this.stubs = [];
      const start = performance.now();
      this.host = this.load();
      this.loadedEmitter.fire(performance.now() - start);
    }
    return this.host;
  }

  /** A webview view provider that loads the host when the view is first resolved. */
  viewProvider(): vscode.WebviewViewProvider {
    return { resolveWebviewView: (view) => this.get().chatView.resolveWebviewView(view) };
  }

  dispose(): void {
    for (const s of this.stubs) s.dispose();
    this.stubs = [];
    this.loadedEmitter.dispose();
  }
}
