// Owns project instructions: AGENTS.md at the workspace root (given at the start) and in folders on
// the way to the files the agent works on (given when it first touches a path below them). Nearest
// wins: each file is labelled with its folder and the model is told deeper folders take precedence.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../util/files';
import { containedPath } from '../util/containment';

export const INSTRUCTIONS_FILE = 'AGENTS.md';
/** Instructions longer than this are cut: they are re-sent on every call. */
const MAX_CHARS = 16_000;

export interface InstructionFile {
  /** Workspace-relative folder with forward slashes; '' for the root. */
  dir: string;
  text: string;
}

async function readInside(root: string, dir: string): Promise<string | undefined> {
  const file = path.join(root, dir, INSTRUCTIONS_FILE);
  try {
    // The real path must stay in the workspace: a symlinked AGENTS.md must not leak outside files.
    const realRoot = await fs.realpath(root);
    const real = (await containedPath(realRoot, await fs.realpath(file)))?.abs;
    if (!real) return undefined;
    // A pipe named AGENTS.md must not hang the turn: only regular files, capped in size and time.
    const text = (await readRegularFile(real, { maxBytes: MAX_CHARS * 4 })).buf.toString('utf8');
    return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n[… truncated]` : text;
  } catch {
    return undefined;
  }
}

/** Folders from the root down to the folder holding `relPath` (root first), each relative. */
export function foldersOnPath(relPath: string): string[] {
  const norm = path.posix.normalize(relPath.replace(/\\/g, '/'));
  if (norm === '.') return [''];
  if (norm.startsWith('..') || path.posix.isAbsolute(norm)) return [''];
  const parts = norm.split('/').filter(Boolean);
  parts.pop(); // the file (or last folder) itself
  const out = [''];
  for (let i = 1; i <= parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/** AGENTS.md files from the root to the folder of relPath, root first (the last one is the nearest). */
export async function instructionsOnPath(root: string, relPath: string): Promise<InstructionFile[]> {
  const out: InstructionFile[] = [];
  for (const dir of foldersOnPath(relPath)) {
    const text = await readInside(root, dir);
    if (text !== undefined) out.push({ dir, text });
  }
  return out;
}

/** The nearest AGENTS.md for a path: the one whose rules win on conflict. */
export async function nearestInstructions(root: string, relPath: string): Promise<InstructionFile | undefined> {
  return (await instructionsOnPath(root, relPath)).at(-1);
}

export function formatInstructions(files: InstructionFile[]): string {
  return files
    .map((f) =>
      f.dir === ''
        ? `<project-instructions source="AGENTS.md" scope="whole workspace">\n${f.text.trim()}\n</project-instructions>`
        : `<project-instructions source="${f.dir}/AGENTS.md" scope="${f.dir}/" precedence="overrides instructions from parent folders for files under ${f.dir}/">\n${f.text.trim()}\n</project-instructions>`,
    )
    .join('\n');
}

/** Remembers which AGENTS.md files the model has seen so each is given once per conversation. */
export class InstructionTracker {
  private readonly seen = new Set<string>();

  constructor(private readonly root: string) {}

  markSeen(dir: string): void {
    this.seen.add(dir);
  }

  /** The root file, marked as seen. */
  async forRoot(): Promise<InstructionFile | undefined> {
    const text = await readInside(this.root, '');
    this.seen.add('');
    return text === undefined ? undefined : { dir: '', text };
  }

  /** Instruction files on the way to relPath not given yet, root first. */
  async newFor(relPath: string): Promise<InstructionFile[]> {
    const out: InstructionFile[] = [];
    const rel = path.isAbsolute(relPath) ? path.relative(this.root, relPath) : relPath;
    for (const dir of foldersOnPath(rel)) {
      if (this.seen.has(dir)) continue;
      this.seen.add(dir);
      const text = await readInside(this.root, dir);
      if (text !== undefined) out.push({ dir, text });
    }
    return out;
  }
}
