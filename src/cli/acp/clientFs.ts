// Owns file access through the ACP client when it offers `fs.readTextFile` / `fs.writeTextFile`:
// the file tools then see the editor's unsaved buffers (read before each call into the documents
// port core already has for the panel) and approved edits land in its buffers. The workspace jail,
// the secret-file rules and the stale check still run in core as before: a secret file is never read
// through the client ahead of its approval, and an edit whose base changed is refused. Deletions and
// moves, which ACP has no method for, go to the file system.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ChangeApplier, OpenDocuments } from '../../core/changes/ports';
import type { ProposedChange } from '../../core/changes/change';
import { FileApplier } from '../../core/edits/fileApplier';
import { assertApplicable } from '../../core/edits/staleCheck';
import { PathRules } from '../../core/policy/pathRules';
import { resolveInWorkspace } from '../../core/policy/workspaceJail';
import type { ToolSet } from '../../core/agent/toolRuntime';
import { ToolCallError } from '../../core/util/errors';
import { namedPaths, parseArgs } from './toolCalls';

export interface ClientFiles {
  /** The client's text of an absolute path (its buffer when open), or undefined when it has none. */
  read?(abs: string, signal: AbortSignal): Promise<string | undefined>;
  write?(abs: string, content: string, signal: AbortSignal): Promise<void>;
}

function inside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The client's buffers as core's OpenDocuments, filled before each file tool call and emptied after it. */
export class ClientDocuments implements OpenDocuments {
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly files: ClientFiles,
  ) {}

  textOf(absPath: string): string | undefined {
    return this.texts.get(absPath);
  }

  /** Reads the files a call names through the client; secrets and paths outside are left to core's own checks. */
  async prefetch(name: string, rawArgs: string, signal: AbortSignal): Promise<string[]> {
    if (!this.files.read) return [];
    const rules = PathRules.forWorkspace(this.root);
    const keys: string[] = [];
    for (const rel of namedPaths(name, parseArgs(rawArgs))) {
      const lexical = path.resolve(this.root, rel);
      if (!inside(this.root, lexical)) continue;
      const real = await fs.realpath(lexical).catch(() => lexical);
      if (!inside(this.root, real)) continue;
      const relReal = path.relative(this.root, real).split(path.sep).join('/');
      if (rules.secretReason(relReal) || rules.secretReason(path.relative(this.root, lexical).split(path.sep).join('/'))) continue;
      const text = await this.files.read(real, signal).catch(() => undefined);
      if (text === undefined) continue;
      this.texts.set(real, text);
      keys.push(real);
    }
    return keys;
  }

  /** The tool set with each call's files read through the client first. */
  wrap(tools: ToolSet): ToolSet {
    return {
      ...tools,
      invoke: async (name, rawArgs, ctx, signal) => {
        const keys = await this.prefetch(name, rawArgs, signal);
        try {
          return await tools.invoke(name, rawArgs, ctx, signal);
        } finally {
          for (const k of keys) this.texts.delete(k);
        }
      },
    };
  }
}

/** Writes approved creations and updates through the client; the rest through the file system. */
export class ClientApplier implements ChangeApplier {
  private readonly disk: FileApplier;

  constructor(
    private readonly root: string,
    private readonly files: ClientFiles,
  ) {
    this.disk = new FileApplier(root);
  }

  async apply(change: ProposedChange, signal: AbortSignal): Promise<void> {
    if (!this.files.write || (change.kind !== 'create' && change.kind !== 'update')) return this.disk.apply(change, signal);
    if (signal.aborted) throw new ToolCallError('Cancelled before the change was applied.');
    const target = await resolveInWorkspace(this.root, change.path);
    const current = this.files.read ? await this.files.read(target.abs, signal).catch(() => undefined) : await fs.readFile(target.abs, 'utf8').catch(() => undefined);
    assertApplicable(change, current, false);
    await fs.mkdir(path.dirname(target.abs), { recursive: true });
    await this.files.write(target.abs, change.newText ?? '', signal);
  }
}
