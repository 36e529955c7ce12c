// Owns where the user's "run this workspace's hooks" is remembered: one file for the CLI and the
// editor ($XDG_CONFIG_HOME/tandem/hooks-enabled.json: workspace root -> hash of the enabled
// .tandem/hooks.json), so enabling in one is enabling in both, and any change to the file asks again.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HooksEnablement } from './config';

export function hooksEnablementFile(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'), 'tandem', 'hooks-enabled.json');
}

export async function fileHooksEnablement(file: string): Promise<HooksEnablement & { flush(): Promise<void> }> {
  let all: Record<string, string> = {};
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) all = parsed as Record<string, string>;
  } catch {
    /* none yet, or unreadable: nothing enabled */
  }
  return {
    get: (root) => (typeof all[root] === 'string' ? all[root] : undefined),
    set: (root, hash) => {
      if (hash === undefined) delete all[root];
      else all[root] = hash;
    },
    flush: async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, JSON.stringify(all, null, 2));
    },
  };
}
