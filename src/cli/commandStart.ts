// Owns what `tandem review` and `tandem fix` do before their work: --help printed, an argument error
// said with exit 2, and --cwd resolved to the real folder it names (exit 2 when it is none).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EXIT } from './exitCodes';
import type { CliIo } from './io';
import type { Parsed } from './reviewArgs';

/** The options and the workspace root, or the exit code to return now. */
export async function startCommand<T extends { cwd: string }>(parsed: Parsed<T>, help: string, io: CliIo): Promise<{ options: T; root: string } | number> {
  if (parsed.kind === 'help') {
    io.stdout.write(help);
    return EXIT.answer;
  }
  if (parsed.kind === 'error') {
    io.stderr.write(`error: ${parsed.message}\n`);
    return EXIT.badArgs;
  }
  const o = parsed.options;
  const root = await fs.realpath(path.resolve(io.cwd, o.cwd)).catch(() => undefined);
  if (!root || !(await fs.stat(root)).isDirectory()) {
    io.stderr.write(`error: --cwd ${o.cwd} is not a folder that exists.\n`);
    return EXIT.badArgs;
  }
  return { options: o, root };
}
