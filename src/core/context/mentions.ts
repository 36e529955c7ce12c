// Owns @-mentions of workspace files and folders: the picker's candidates (the workspace as a
// developer sees it — .gitignore respected, secret files left out — ranked by fuzzy match) and the
// resolution of a mention into attached text. A mention resolves only inside the workspace: `..`,
// absolute paths and symlinks that lead out are refused, secret files (policy/pathRules) are
// refused, binary files are refused and large files are cut at a cap, each with a sentence saying so.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { looksBinary, normalize } from '../edits/textFormat';
import { PathRules } from '../policy/pathRules';
import { containedPath, isInside } from '../util/containment';
import { walk } from '../util/walk';
import { readRegularFile } from '../util/files';
import type { Attachment } from './attachments';
import { fuzzyScore } from './fuzzy';

/** Bytes of one mentioned file put into the prompt; the rest is cut (and said so). */
export const MAX_MENTION_BYTES = 256 * 1024;
/** Entries listed for a mentioned folder. */
export const MAX_FOLDER_ENTRIES = 300;
/** Entries the picker's index walks at most (a huge monorepo still answers quickly). */
export const MAX_INDEX_ENTRIES = 50_000;

export class MentionError extends Error {}

export interface MentionCandidate {
  kind: 'file' | 'folder';
  /** Workspace-relative path with forward slashes. */
  path: string;
}

/** What the user writes under `.tandem/` (prompt-file commands, hooks); the rest there is Tandem's own. */
const TANDEM_USER_FILES = /^\.tandem\/(?:commands(?:\/.*)?|hooks\.json)$/;

/** Tandem's own files (the AI change log, checkpoints, task records): never offered as context. */
export function isTandemInternal(rel: string): boolean {
  return (rel === '.tandem' || rel.startsWith('.tandem/')) && !TANDEM_USER_FILES.test(rel);
}

/** The workspace's files and folders the picker offers (cached by the caller; walked once per call). */
export async function listMentionable(root: string, signal?: AbortSignal, limit = MAX_INDEX_ENTRIES): Promise<MentionCandidate[]> {
  const rules = PathRules.forWorkspace(root);
  const out: MentionCandidate[] = [];
  for await (const e of walk(root, '', { limit, signal })) {
    if (rules.isSecret(e.rel) || isTandemInternal(e.rel)) continue;
    out.push({ kind: e.isDir ? 'folder' : 'file', path: e.rel });
  }
  return out;
}

/** Score added to an open file's match: among similar matches, what the user has open comes first. */
const OPEN_FILE_BONUS = 30;

/**
 * The candidates best matching what the user typed after `@`; `open`: the workspace-relative paths
 * of the files open in the editor (the active one first). With nothing typed: the open files, then
 * the top-level folders, then the other files.
 */
export function rankMentions(query: string, candidates: readonly MentionCandidate[], limit = 30, open: readonly string[] = []): MentionCandidate[] {
  const known = new Map(candidates.map((c) => [c.path, c]));
  const opened = open.map((p) => known.get(p)).filter((c): c is MentionCandidate => c?.kind === 'file');
  if (!query) {
    const rest = candidates.filter((c) => !open.includes(c.path));
    const folders = rest.filter((c) => c.kind === 'folder' && !c.path.includes('/'));
    const files = rest.filter((c) => c.kind === 'file');
    return [...opened, ...folders, ...files].slice(0, limit);
  }
  const rank = new Map(open.map((p, i) => [p, i]));
  const scored: Array<{ c: MentionCandidate; score: number }> = [];
  for (const c of candidates) {
    const base = fuzzyScore(query, c.path);
    if (base === undefined) continue;
    const at = rank.get(c.path);
    scored.push({ c, score: base + (at === undefined || c.kind !== 'file' ? 0 : OPEN_FILE_BONUS - at * 0.1) });
  }
  scored.sort((a, b) => b.score - a.score || a.c.path.length - b.c.path.length || a.c.path.localeCompare(b.c.path));
  return scored.slice(0, limit).map((s) => s.c);
}

/** Checks a mentioned path and returns its canonical workspace-relative form and real path. */
export async function locateMention(root: string, given: string): Promise<{ rel: string; abs: string; isDir: boolean }> {
  const cleaned = given.trim().replace(/\\/g, '/').replace(/^@/, '');
  if (!cleaned || cleaned.includes('\0')) throw new MentionError('The mention names no file.');
  const outside = () => new MentionError(`@${cleaned} is outside the workspace; only files inside it can be attached.`);
  if (path.posix.isAbsolute(cleaned) || /^[a-z]:/i.test(cleaned) || cleaned.startsWith('~')) throw outside();
  const lexical = path.resolve(root, cleaned);
  if (!isInside(root, lexical)) throw outside();
  // A symlink inside the workspace may point out of it.
  const inside = await containedPath(root, lexical);
  if (!inside) throw outside();
  const { abs: real, rel } = inside;
  if (!(await fs.stat(real).then(() => true, () => false))) throw new MentionError(`@${cleaned} does not exist in the workspace.`);
  const rules = PathRules.forWorkspace(root);
  // Both names are judged: the link's (what the user typed) and the target's.
  const secret = rules.secretReason(path.relative(root, lexical).split(path.sep).join('/')) ?? rules.secretReason(rel);
  if (secret) throw new MentionError(`@${cleaned} was not attached: ${secret}. Secret files are never attached; open the parts you need and select them instead.`);
  const stat = await fs.stat(real);
  if (!stat.isFile() && !stat.isDirectory()) throw new MentionError(`@${cleaned} is not a regular file or folder.`);
  return { rel: rel || '.', abs: real, isDir: stat.isDirectory() };
}

/** A mentioned file or folder as an attachment; throws MentionError with a sentence for the user. */
export async function resolveMention(root: string, given: string, maxBytes = MAX_MENTION_BYTES): Promise<Attachment> {
  const where = await locateMention(root, given);
  if (where.isDir) return folderAttachment(root, where.rel);
  const read = await readRegularFile(where.abs, { maxBytes, shown: where.rel });
  if (looksBinary(read.buf)) throw new MentionError(`@${where.rel} is a binary file (${read.size} bytes); only text files can be attached.`);
  let text = normalize(read.buf.toString('utf8'));
  // A cut in the middle of a multi-byte character leaves a replacement character: drop it.
  if (read.truncated) text = text.replace(/\uFFFD$/, '');
  return {
    kind: 'file',
    source: where.rel,
    text,
    ...(read.truncated ? { note: `only the first ${read.buf.length} of ${read.size} bytes` } : {}),
  };
}

async function folderAttachment(root: string, rel: string): Promise<Attachment> {
  const rules = PathRules.forWorkspace(root);
  const lines: string[] = [];
  let more = false;
  for await (const e of walk(root, rel === '.' ? '' : rel, { maxDepth: 3, limit: MAX_FOLDER_ENTRIES + 1 })) {
    if (rules.isSecret(e.rel)) continue;
    if (lines.length >= MAX_FOLDER_ENTRIES) {
      more = true;
      break;
    }
    lines.push(e.isDir ? `${e.rel}/` : e.rel);
  }
  return { kind: 'folder', source: rel, text: lines.join('\n') || '(empty folder)', ...(more ? { note: `first ${MAX_FOLDER_ENTRIES} entries` } : {}) };
}

/** The special mentions the picker offers besides files. */
export const SPECIAL_MENTIONS = ['problems', 'git', 'terminal', 'url'] as const;
export type SpecialMention = (typeof SPECIAL_MENTIONS)[number];

/**
 * Plain-text `@path` mentions in a message: an `@` at the start or after whitespace or an opening
 * bracket, then a path. Emails (`a@b.c`) are not mentions; special names are left to the caller.
 */
export function findTextMentions(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:^|[\s(["'`])@((?:\.{1,2}\/|\/|~\/)?[\w.\-/\\]+)/g)) {
    const p = m[1].replace(/[.,;:!?)]+$/, '');
    if (p && !(SPECIAL_MENTIONS as readonly string[]).includes(p)) out.add(p);
  }
  return [...out];
}
