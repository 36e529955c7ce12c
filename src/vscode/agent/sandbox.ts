// Owns the extension's command sandbox: one Sandbox per agent or MCP manager, built from
// tandem.agent.sandbox.mode / tandem.agent.sandbox.network, and the one warning per window (a
// notification and a log line) when bubblewrap cannot confine commands here.
import * as vscode from 'vscode';
import type { SandboxMode } from '../../core/sandbox/bwrapArgs';
import { Sandbox } from '../../core/sandbox/sandbox';

let warned = false;

export function createSandbox(settings: { sandbox: SandboxMode; sandboxNetwork: boolean; sandboxReadable?: string[] }, log?: (message: string) => void): Sandbox {
  return new Sandbox({
    mode: settings.sandbox,
    network: settings.sandboxNetwork,
    readable: settings.sandboxReadable ?? [],
    onUnavailable: (message) => {
      // Agents are rebuilt on every settings change: the warning still comes once per window.
      if (warned) return;
      warned = true;
      log?.(message);
      void vscode.window.showWarningMessage(message);
    },
  });
}
