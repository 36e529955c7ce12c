// Owns how Tandem's tool calls look to an ACP client: the kind (read, edit, search, execute…), a
// title a person reads ("Edit src/a.ts", "Run `npm test`"), the files it touches as locations, and
// the diff content of a change (absolute path, old and new text) for the editor's review.
import * as path from 'node:path';
import type * as acp from '@agentclientprotocol/sdk';
import type { ProposedChange } from '../../core/changes/change';
import { ConversationToolName, LanguageToolName, ToolName } from '../../core/tools/toolNames';

const KINDS: Record<string, acp.ToolKind> = {
  [ToolName.readFile]: 'read',
  [ToolName.listDir]: 'search',
  [ToolName.findFiles]: 'search',
  [ToolName.search]: 'search',
  [ToolName.writeFile]: 'edit',
  [ToolName.editFile]: 'edit',
  [ToolName.applyPatch]: 'edit',
  [ToolName.runCommand]: 'execute',
  [ConversationToolName.updatePlan]: 'think',
  ...Object.fromEntries(Object.values(LanguageToolName).map((n) => [n, 'search' as const])),
};

export function toolKind(name: string): acp.ToolKind {
  return KINDS[name] ?? 'other';
}

/** The call's arguments as an object (the model's JSON may be broken: then none). */
export function parseArgs(raw: string): Record<string, unknown> {
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Files an apply_patch touches, from its `*** Add/Update/Delete File:` and `*** Move to:` lines. */
export function patchPaths(patch: string): string[] {
  return [...patch.matchAll(/^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+)$/gm)].map((m) => m[1].trim());
}

/** The workspace files the call names (relative, as the model wrote them). */
export function namedPaths(name: string, args: Record<string, unknown>): string[] {
  if (name === ToolName.applyPatch) return patchPaths(str(args.patch) ?? str(args.input) ?? '');
  const p = str(args.path) ?? str(args.file);
  return p ? [p] : [];
}

export function toolTitle(name: string, args: Record<string, unknown>): string {
  const p = namedPaths(name, args);
  const files = p.length ? ` ${p.join(', ')}` : '';
  switch (name) {
    case ToolName.readFile:
      return `Read${files}`;
    case ToolName.writeFile:
      return `Write${files}`;
    case ToolName.editFile:
    case ToolName.applyPatch:
      return `Edit${files}`;
    case ToolName.listDir:
      return `List ${str(args.path) ?? '.'}`;
    case ToolName.findFiles:
      return `Find files ${str(args.pattern) ?? str(args.glob) ?? ''}`.trim();
    case ToolName.search:
      return `Search ${JSON.stringify(str(args.query) ?? str(args.pattern) ?? '')}`;
    case ToolName.runCommand:
      return `Run \`${str(args.command) ?? ''}\``;
    case ConversationToolName.updatePlan:
      return 'Update the plan';
    default:
      return name;
  }
}

export function locations(root: string, name: string, args: Record<string, unknown>): acp.ToolCallLocation[] {
  return namedPaths(name, args).map((p) => ({ path: path.resolve(root, p) }));
}

/** Diff content for each change (a deletion shows its old text against nothing). */
export function diffContent(root: string, changes: ProposedChange[]): acp.ToolCallContent[] {
  return changes.map((c) => ({
    type: 'diff' as const,
    path: path.join(root, c.newPath ?? c.path),
    oldText: c.oldText ?? null,
    newText: c.newText ?? '',
  }));
}

export function textContent(text: string): acp.ToolCallContent {
  return { type: 'content', content: { type: 'text', text } };
}
