// Owns the never-run list: commands no approval mode runs and no allowlist entry lets through —
// another user's rights (sudo/doas/su), deleting or opening up the disk root, the home folder or a
// system folder (however spelled: `/*`, `~/`, `$HOME`, `cd / && rm -rf .`), formatting or writing
// raw devices, stopping the machine, killing every process, fork bombs. It judges the words after
// quotes, escapes and wrappers are removed, so `\rm`, `"rm"`, `/bin/rm` and `command rm` are `rm`.
import * as path from 'node:path';
import { absoluteOf, type PathContext } from './commandPaths';
import { programName } from './commandWrappers';
import { isInside } from '../util/containment';
import type { Word } from './shellWords';

const AS_OTHER_USER = new Set(['sudo', 'doas', 'su', 'pkexec', 'run0', 'sudoedit']);
const DISK_OR_POWER = /^(mkfs(\..*)?|mke2fs|mkswap|fdisk|sfdisk|cfdisk|gdisk|parted|wipefs|shutdown|reboot|halt|poweroff)$/;
/** Block devices and kernel memory: writing them destroys the disk or the running system. */
export const RAW_DEVICE = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|dm-|md|loop|sr|mapper\/|mem$|kmem$|port$)/;

type ForbidContext = Pick<PathContext, 'cwd' | 'home'> & { root?: string };

/**
 * Paths whose loss or exposure breaks the machine or the user's account: the disk root, a folder
 * right under it (/usr, /etc, /home, …; not the workspace itself, e.g. /app in a container), the
 * home folder and every folder above it.
 */
function isCritical(abs: string, ctx: ForbidContext): boolean {
  const norm = path.resolve(abs);
  if (norm === path.parse(norm).root) return true;
  const h = path.resolve(ctx.home);
  if (norm === h || h.startsWith(norm + path.sep)) return true;
  const inWorkspace = ctx.root !== undefined && isInside(ctx.root, norm);
  return path.dirname(norm) === path.parse(norm).root && !inWorkspace;
}

/** Whether a target word names a critical path (globs judged by the folder they start in). */
function criticalTarget(word: Word, ctx: ForbidContext): boolean {
  if (word.dynamic || word.brace) return false;
  let text = word.text;
  if (/^~[^/]+\/?\*?$/.test(text)) return true; // ~root, ~alice/: another user's home folder
  if (word.glob) {
    const i = text.search(/[*?[]/);
    const head = text.slice(0, i);
    text = head.includes('/') ? head.slice(0, head.lastIndexOf('/') + 1) || '/' : '.';
  }
  const abs = absoluteOf({ ...word, text, glob: false }, ctx);
  return typeof abs === 'string' && isCritical(abs, ctx);
}

const operands = (args: Word[]) => args.filter((a) => !a.text.startsWith('-') || a.text === '-');

/** Why this simple command (wrappers already removed) must never run, or undefined. */
export function forbiddenReason(words: Word[], ctx: ForbidContext): string | undefined {
  if (words.length === 0 || words[0].dynamic) return undefined;
  const name = programName(words[0]);
  const args = words.slice(1);
  if (AS_OTHER_USER.has(name)) return `it runs a command as another user (${name})`;
  if (DISK_OR_POWER.test(name)) return `it formats disks or stops the machine (${name})`;
  if (args.some((a) => a.text === '--no-preserve-root')) return 'it disables the protection of the disk root (--no-preserve-root)';
  const critical = operands(args).find((a) => criticalTarget(a, ctx));
  if (name === 'rm' && critical) return `it deletes ${critical.text}, the whole disk, a system folder or your home folder`;
  if ((name === 'chmod' || name === 'chown' || name === 'chgrp') && critical) return `it changes the owner or permissions of ${critical.text}, the whole disk, a system folder or your home folder`;
  if ((name === 'mv' || name === 'shred') && critical) return `it moves or destroys ${critical.text}, the whole disk, a system folder or your home folder`;
  if (name === 'find' && args.some((a) => a.text === '-delete' || a.text === '-exec' || a.text === '-execdir')) {
    const start = args.find((a) => !a.text.startsWith('-'));
    if (start && criticalTarget(start, ctx)) return `it deletes or runs a program on every file under ${start.text}`;
  }
  if (name === 'dd' && args.some((a) => /^of=/.test(a.text) && RAW_DEVICE.test(a.text.slice(3)))) return 'it writes to a raw disk device';
  if (['cp', 'tee', 'shred', 'mv', 'wipefs'].includes(name) && args.some((a) => RAW_DEVICE.test(a.text))) return 'it writes to a raw disk device';
  if (name === 'kill' && args.length > 0 && args[args.length - 1].text === '-1') return 'it kills every process you own';
  return undefined;
}

/** Writing to this redirect target never happens (`> /dev/sda`). */
export function forbiddenRedirect(target: Word): string | undefined {
  return !target.dynamic && RAW_DEVICE.test(target.text) ? `it writes to the raw device ${target.text}` : undefined;
}
