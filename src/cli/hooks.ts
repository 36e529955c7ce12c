// Hooks for `tandem exec`: the user's $XDG_CONFIG_HOME/tandem/hooks.json always; the workspace's
// .tandem/hooks.json only once enabled with --enable-hooks, remembered per workspace (by the file's
// hash, in $XDG_CONFIG_HOME/tandem/hooks-enabled.json) until the file changes. Problems with a file
// and workspace hooks left out are said once on stderr, before the task.
import * as path from 'node:path';
import { activeHooks, loadHooks, workspaceHooksState } from '../core/hooks/config';
import { fileHooksEnablement, hooksEnablementFile } from '../core/hooks/enablement';
import { HookEngine } from '../core/hooks/engine';
import type { Writable } from './render';

export async function loadCliHooks(root: string, env: NodeJS.ProcessEnv, commandEnv: string[], enable: boolean, stderr: Writable): Promise<HookEngine | undefined> {
  const loaded = await loadHooks({ workspaceRoot: root, env });
  for (const issue of loaded.issues) stderr.write(`hooks: ${issue.file} ${issue.message}.\n`);
  const enablement = await fileHooksEnablement(hooksEnablementFile(env));
  const shown = path.join('.tandem', 'hooks.json');
  if (enable) {
    if (!loaded.workspace) stderr.write(`hooks: --enable-hooks: this workspace has no ${shown} to enable.\n`);
    else if (loaded.workspace.hooks.length === 0) stderr.write(`hooks: --enable-hooks: ${shown} has no hooks that can run (see above).\n`);
    else {
      enablement.set(root, loaded.workspace.hash);
      await enablement.flush().catch((err: Error) => stderr.write(`hooks: could not remember the enabled hooks (${err.message}); they run for this task only.\n`));
      stderr.write(`hooks: the workspace's ${shown} is enabled as it is now (${loaded.workspace.hooks.length} hook(s)); it must be enabled again after it changes.\n`);
    }
  }
  const state = workspaceHooksState(loaded, root, enablement);
  if (state === 'needs enabling') stderr.write(`hooks: the workspace's ${shown} did not run. Read it, then pass --enable-hooks to let its commands run on this machine.\n`);
  if (state === 'changed') stderr.write(`hooks: the workspace's ${shown} changed since you enabled it, so it did not run. Read it, then pass --enable-hooks again.\n`);
  const hooks = activeHooks(loaded, root, enablement);
  return hooks.length ? new HookEngine({ hooks, cwd: root, env, envExtra: commandEnv }) : undefined;
}
