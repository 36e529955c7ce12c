// Owns definitions of what the cursor uses, from VS Code's language features: for the identifiers
// just before the cursor, the definition (and for variables the type definition) providers locate
// the declaration, whose signature is read from that file whether or not it is open. The import
// reader (core) runs beside it for files no language server knows. Results are cached per document
// and identifier, across edits: a lookup slower than its time box finishes in the background and
// serves the next request even after more typing (a slow language server would otherwise never be
// in time, since every keystroke makes a new version). An empty answer (a server still loading) is
// kept for that version only; a found one for a short while.
import * as vscode from 'vscode';
import { within } from '../../core/completion/gather';
import { ImportDefinitions } from '../../core/completion/importDefinitions';
import { signatureAt } from '../../core/completion/declarations';
import type { Snippet } from '../../core/completion/templates';
import type { CompletionDocument, ContextSnippetSource, Position } from '../../core/completion/types';

const PROVIDER_TIMEBOX_MS = 15;
/** How long a found definition serves later requests in the same document. */
const FOUND_TTL_MS = 30_000;
/** A lookup still running after this long is asked again (a language server that never answers). */
const STUCK_MS = 10_000;
const MAX_IDENTIFIERS = 6;
const KEYWORDS = new Set(
  'const let var function return if else for while do new this class import from export await async typeof instanceof def self cls None True False in of not and or is lambda pass with as try catch finally throw yield null undefined true false void public private protected static readonly extends implements interface type enum switch case break continue default super'.split(' '),
);

type Target = vscode.Location | vscode.LocationLink;

export class EditorDefinitions implements ContextSnippetSource {
  private readonly lookups = new Map<string, { version: number; at: number; settled: boolean; found: boolean; result: Promise<Snippet[]> }>();
  private readonly signatures = new Map<string, Promise<string | undefined>>();
  private readonly imports: ImportDefinitions;

  constructor(private readonly isSecret: (relativePath: string) => boolean) {
    this.imports = new ImportDefinitions({ read: (rel) => readWorkspaceFile(rel) }, isSecret);
  }

  async snippets(doc: CompletionDocument, pos: Position, signal: AbortSignal): Promise<Snippet[]> {
    const fromImports = this.imports.snippets(doc, pos, signal).catch(() => []);
    const uri = vscode.Uri.parse(doc.uri);
    const fromProviders = Promise.all(identifiersBefore(doc, pos).map((id) => within(this.lookup(uri, doc.version, id), PROVIDER_TIMEBOX_MS, [])));
    const [a, b] = await Promise.all([fromProviders, fromImports]);
    const out: Snippet[] = [];
    for (const s of [...a.flat(), ...b]) if (!out.some((o) => o.text === s.text)) out.push(s);
    return out;
  }

  private lookup(uri: vscode.Uri, version: number, id: Identifier): Promise<Snippet[]> {
    const key = `${uri.toString()}|${id.name}`;
    const now = Date.now();
    const hit = this.lookups.get(key);
    // In flight (not stuck), same version, or found a moment ago: the same answer serves.
    if (hit && ((!hit.settled && now - hit.at < STUCK_MS) || hit.version === version || (hit.found && now - hit.at < FOUND_TTL_MS))) return hit.result;
    const entry = { version, at: now, settled: false, found: false, result: Promise.resolve<Snippet[]>([]) };
    entry.result = this.definitionsAt(uri, id.at).then(
      (found) => {
        Object.assign(entry, { settled: true, found: found.length > 0, at: Date.now() });
        return found;
      },
      () => {
        entry.settled = true;
        return [];
      },
    );
    this.lookups.delete(key);
    this.lookups.set(key, entry);
    if (this.lookups.size > 200) this.lookups.delete(this.lookups.keys().next().value as string);
    return entry.result;
  }

  private async definitionsAt(uri: vscode.Uri, at: vscode.Position): Promise<Snippet[]> {
    const out: Snippet[] = [];
    const defs = (await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', uri, at)) ?? [];
    for (const t of defs.slice(0, 2)) {
      const s = await this.snippetFor(uri, t);
      if (!s) continue;
      out.push(s);
      // A variable's declaration says little: its type's declaration says what it offers.
      if (/^\s*(?:export\s+)?(?:const|let|var)\b|^\s*\w+\s*(?::|=)/.test(s.text)) {
        const types = (await vscode.commands.executeCommand<Target[]>('vscode.executeTypeDefinitionProvider', uri, at)) ?? [];
        for (const ty of types.slice(0, 1)) {
          const st = await this.snippetFor(uri, ty);
          if (st) out.push(st);
        }
      }
    }
    return out;
  }

  private async snippetFor(from: vscode.Uri, t: Target): Promise<Snippet | undefined> {
    const target = 'targetUri' in t ? t.targetUri : t.uri;
    const range = 'targetUri' in t ? t.targetRange : t.range;
    if (target.toString() === from.toString()) return undefined;
    const relativePath = vscode.workspace.asRelativePath(target, false);
    if (this.isSecret(relativePath)) return undefined;
    const text = await this.signature(target, range.start.line);
    return text ? { relativePath, text } : undefined;
  }

  private signature(target: vscode.Uri, line: number): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    const key = `${target.toString()}@${open?.version ?? 'disk'}:${line}`;
    let p = this.signatures.get(key);
    if (!p) {
      p = (async () => {
        const doc = open ?? (await vscode.workspace.openTextDocument(target));
        const lines: string[] = [];
        for (let i = line; i < Math.min(doc.lineCount, line + 14); i++) lines.push(doc.lineAt(i).text);
        const sig = signatureAt(lines, 0);
        return sig.trim() ? sig : undefined;
      })().catch(() => undefined);
      this.signatures.set(key, p);
      if (this.signatures.size > 500) this.signatures.delete(this.signatures.keys().next().value as string);
    }
    return p;
  }
}

interface Identifier {
  name: string;
  at: vscode.Position;
}

/** Identifiers on the cursor line (up to the cursor) and the two lines above, nearest first. */
function identifiersBefore(doc: CompletionDocument, pos: Position): Identifier[] {
  const out: Identifier[] = [];
  const seen = new Set<string>();
  for (let l = pos.line; l >= Math.max(0, pos.line - 2) && out.length < MAX_IDENTIFIERS; l--) {
    const text = l === pos.line ? doc.lineAt(l).slice(0, pos.character) : doc.lineAt(l);
    const found = [...text.matchAll(/[A-Za-z_$][\w$]*/g)].reverse();
    for (const m of found) {
      if (KEYWORDS.has(m[0]) || seen.has(m[0]) || m[0].length < 2) continue;
      seen.add(m[0]);
      out.push({ name: m[0], at: new vscode.Position(l, (m.index ?? 0) + 1) });
      if (out.length >= MAX_IDENTIFIERS) break;
    }
  }
  return out;
}

async function readWorkspaceFile(rel: string): Promise<{ text: string; version: string | number } | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const uri = vscode.Uri.joinPath(folder.uri, rel);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { text: open.getText(), version: `open:${open.version}` };
  try {
    const [stat, bytes] = await Promise.all([vscode.workspace.fs.stat(uri), vscode.workspace.fs.readFile(uri)]);
    if (stat.size > 1_000_000) return undefined;
    return { text: new TextDecoder().decode(bytes), version: stat.mtime };
  } catch {
    return undefined;
  }
}
