// Owns hooks in the editor: the user's $XDG_CONFIG_HOME/tandem/hooks.json always; the workspace's
// .tandem/hooks.json only in a trusted workspace and once the user enabled that exact file (the
// same record as `tandem exec --enable-hooks`), offered in a notification when it is new or changed.
// A file that does not parse is reported once per window with its path.
import * as vscode from 'vscode';
import { activeHooks, loadHooks, workspaceHooksState, type LoadedHooks } from '../../core/hooks/config';
import { fileHooksEnablement, hooksEnablementFile } from '../../core/hooks/enablement';
import { HookEngine } from '../../core/hooks/engine';

const reported = new Set<string>();
/** Hashes of workspace hooks files already offered in this window (one question per version). */
const offered = new Set<string>();

async function offerEnable(root: string, ws: NonNullable<LoadedHooks['workspace']>, changed: boolean): Promise<void> {
  const what = changed ? 'changed since you enabled them' : `define ${ws.hooks.length} command(s) to run around the agent's steps`;
  const pick = await vscode.window.showWarningMessage(
    `This workspace's hooks (.tandem/hooks.json) ${what}. They run on this machine with your permissions; enable them only after reading them.`,
    'Open hooks.json',
    'Enable hooks',
  );
  if (pick === 'Open hooks.json') {
    await vscode.window.showTextDocument(vscode.Uri.file(ws.file));
    offered.delete(ws.hash); // ask again at the next task, once it was read
  } else if (pick === 'Enable hooks') {
    const enablement = await fileHooksEnablement(hooksEnablementFile(process.env));
    enablement.set(root, ws.hash);
    await enablement.flush();
    vscode.window.showInformationMessage("The workspace's hooks are enabled; they run from the next task on, until the file changes.");
  }
}

/** The hooks for an agent built now, or undefined when there are none that may run. */
export async function editorHooks(root: string, trusted: boolean, commandEnv: string[]): Promise<HookEngine | undefined> {
  const loaded = await loadHooks({ workspaceRoot: root, env: process.env });
  for (const issue of loaded.issues) {
    const key = `${issue.file}\u0000${issue.message}`;
    if (reported.has(key)) continue;
    reported.add(key);
    vscode.window.showWarningMessage(`Tandem hooks: ${issue.file} ${issue.message}.`);
  }
  const enablement = await fileHooksEnablement(hooksEnablementFile(process.env));
  // An untrusted workspace's hooks are never offered nor run.
  const usable = trusted ? loaded : { ...loaded, workspace: undefined };
  const state = workspaceHooksState(usable, root, enablement);
  if ((state === 'needs enabling' || state === 'changed') && usable.workspace && !offered.has(usable.workspace.hash)) {
    offered.add(usable.workspace.hash);
    offerEnable(root, usable.workspace, state === 'changed').catch((err: Error) => vscode.window.showErrorMessage(`The workspace's hooks could not be enabled: ${err.message}`));
  }
  const hooks = activeHooks(usable, root, enablement);
  return hooks.length ? new HookEngine({ hooks, cwd: root, env: process.env, envExtra: commandEnv }) : undefined;
}
