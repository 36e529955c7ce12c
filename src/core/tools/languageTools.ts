// The six read-only language-server tools of the agent (go_to_definition, find_references,
// document_symbols, workspace_symbols, hover, diagnostics), built over a LanguageService port that
// the editor provides. Paths go through the workspace jail; a secret file is asked for first, as
// read_file does; answers are trimmed by languageResults.ts.
import * as z from 'zod';
import { normalize } from '../edits/textFormat';
import { PathRules } from '../policy/pathRules';
import { resolveInWorkspace } from '../policy/workspaceJail';
import { readRegularFile, regularFileStat } from '../util/files';
import type { LanguageService, SourcePosition } from './languageService';
import { formatDocumentSymbols, formatLocations, formatProblems, formatWorkspaceSymbols, placeOf, type ResultContext } from './languageResults';
import { LanguageToolName } from './toolNames';
import { ToolCallError, type Tool, type ToolContext } from './types';

const MAX_HOVER_CHARS = 4000;

const pathArg = z.string().min(1).describe('File path relative to the workspace root');
const positionSchema = z.object({
  path: pathArg,
  line: z.number().int().min(1).describe('Line of the symbol (1-based, as read_file numbers lines)'),
  column: z.number().int().min(1).optional().describe('Column of the symbol on that line (1-based); or give `symbol` instead'),
  symbol: z.string().min(1).optional().describe('The symbol name as written on that line; used to find the column when `column` is not given'),
});
type PositionArgs = z.infer<typeof positionSchema>;

class Refused {
  constructor(readonly message: string) {}
}

/** The file a call names: inside the workspace, an existing file, and allowed by the user when secret. */
async function targetFile(ctx: ToolContext, given: string, signal: AbortSignal): Promise<{ abs: string; rel: string } | Refused> {
  const target = await resolveInWorkspace(ctx.workspaceRoot, given);
  const stat = await regularFileStat(target.abs, given).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw new ToolCallError(err.message);
  });
  if (!stat) throw new ToolCallError(`${given} does not exist. Use find_files or workspace_symbols to find the file.`);
  if (stat.isDirectory()) throw new ToolCallError(`${given} is a folder; name a file.`);
  const secret = PathRules.forWorkspace(ctx.workspaceRoot).secretReason(target.rel);
  if (secret) {
    const d = await ctx.approver.request({ type: 'read', path: target.rel, toolCallId: ctx.toolCallId, reason: secret }, signal);
    if (!d.approved) return new Refused(`The user did not allow reading ${target.rel}.`);
  }
  return target;
}

/** The 1-based position a call means; `symbol` finds the column on the line. */
async function positionIn(ctx: ToolContext, abs: string, args: PositionArgs): Promise<SourcePosition> {
  const open = ctx.documents?.textOf(abs);
  const text = open ?? (await readRegularFile(abs, { maxBytes: 8 * 1024 * 1024, shown: args.path })).buf.toString('utf8');
  const lines = normalize(text).split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (args.line > lines.length) throw new ToolCallError(`${args.path} has ${lines.length} lines; line ${args.line} is past its end.`);
  const lineText = lines[args.line - 1];
  if (args.column !== undefined) {
    if (args.column > lineText.length + 1) throw new ToolCallError(`Line ${args.line} of ${args.path} has ${lineText.length} characters; column ${args.column} is past its end.`);
    return { line: args.line, column: args.column };
  }
  if (args.symbol === undefined) throw new ToolCallError('Give the column (1-based) or the symbol name as written on that line.');
  const word = new RegExp(`(?<![\\w$])${args.symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`);
  const at = word.exec(lineText)?.index ?? lineText.indexOf(args.symbol);
  if (at < 0) throw new ToolCallError(`"${args.symbol}" does not occur on line ${args.line} of ${args.path}: ${JSON.stringify(lineText.trim().slice(0, 120))}. Read the file and give the right line.`);
  return { line: args.line, column: at + 1 };
}

/** The file and the position a position tool asks about, or why it may not ask. */
async function targetPosition(ctx: ToolContext, args: PositionArgs, signal: AbortSignal): Promise<{ abs: string; rel: string; at: SourcePosition } | Refused> {
  const target = await targetFile(ctx, args.path, signal);
  if (target instanceof Refused) return target;
  return { ...target, at: await positionIn(ctx, target.abs, args) };
}

function resultContext(ctx: ToolContext): ResultContext {
  return { root: ctx.workspaceRoot, rules: PathRules.forWorkspace(ctx.workspaceRoot), ...(ctx.documents ? { documents: ctx.documents } : {}) };
}

// A definition is shown with the lines that follow it (a signature); a reference with its own line.
function positionTool(name: string, description: string, what: string, linesEach: number, query: (ls: LanguageService) => LanguageService['definition']) {
  return (ls: LanguageService): Tool<PositionArgs> => ({
    name,
    description,
    schema: positionSchema,
    mutating: false,
    async invoke(args, ctx, signal) {
      const target = await targetPosition(ctx, args, signal);
      if (target instanceof Refused) return { output: target.message, isError: true };
      const locs = await query(ls).call(ls, target.abs, target.at, signal);
      return { output: await formatLocations(resultContext(ctx), locs, what, linesEach), meta: { path: target.rel, count: locs.length } };
    },
  });
}

const goToDefinition = positionTool(
  LanguageToolName.goToDefinition,
  "Where a symbol is defined, from the editor's language server: give the file, the 1-based line and the symbol name (or column). Answers locations with their first three lines.",
  'definition',
  3,
  (ls) => ls.definition,
);

const findReferences = positionTool(
  LanguageToolName.findReferences,
  "Every use of a symbol across the workspace, from the editor's language server: give the file, the 1-based line and the symbol name (or column). At most 50 locations, each with its line.",
  'reference',
  1,
  (ls) => ls.references,
);

function documentSymbols(ls: LanguageService): Tool<{ path: string }> {
  return {
    name: LanguageToolName.documentSymbols,
    description: "The outline of a file (classes, functions, methods, … with their 1-based line:col), from the editor's language server.",
    schema: z.object({ path: pathArg }),
    mutating: false,
    async invoke(args, ctx, signal) {
      const target = await targetFile(ctx, args.path, signal);
      if (target instanceof Refused) return { output: target.message, isError: true };
      return { output: formatDocumentSymbols(target.rel, await ls.documentSymbols(target.abs, signal)), meta: { path: target.rel } };
    },
  };
}

function workspaceSymbols(ls: LanguageService): Tool<{ query: string }> {
  return {
    name: LanguageToolName.workspaceSymbols,
    description: "Find classes, functions and other symbols by name across the workspace, from the editor's language server. At most 50 answers.",
    schema: z.object({ query: z.string().trim().min(1).describe('The symbol name or a part of it') }),
    mutating: false,
    async invoke(args, ctx, signal) {
      const found = await ls.workspaceSymbols(args.query, signal);
      // Symbols of secret files are left out: their names can carry what the file hides.
      const rc = resultContext(ctx);
      const kept = [];
      for (const s of found) {
        const place = await placeOf(rc, s.location.absPath);
        if (!place.inside || !place.secret) kept.push(s);
      }
      return { output: await formatWorkspaceSymbols(rc, kept, args.query), meta: { count: kept.length } };
    },
  };
}

function hover(ls: LanguageService): Tool<PositionArgs> {
  return {
    name: LanguageToolName.hover,
    description: "The type and documentation of a symbol (what the editor shows on hover): give the file, the 1-based line and the symbol name (or column).",
    schema: positionSchema,
    mutating: false,
    async invoke(args, ctx, signal) {
      const target = await targetPosition(ctx, args, signal);
      if (target instanceof Refused) return { output: target.message, isError: true };
      const { at } = target;
      const text = (await ls.hover(target.abs, at, signal)).map((t) => t.trim()).filter(Boolean).join('\n\n');
      if (!text) return { output: `The language server has nothing to show at ${target.rel}:${at.line}:${at.column}.`, meta: { path: target.rel } };
      const cutText = text.length > MAX_HOVER_CHARS ? text.slice(0, MAX_HOVER_CHARS) + '\n[hover text cut]' : text;
      return { output: `${target.rel}:${at.line}:${at.column}\n${cutText}`, meta: { path: target.rel } };
    },
  };
}

function diagnostics(ls: LanguageService): Tool<{ path?: string | undefined }> {
  return {
    name: LanguageToolName.diagnostics,
    description: 'Errors and warnings the editor currently reports (compiler, linters) for one file, or for the whole workspace when no path is given. At most 50, errors first.',
    schema: z.object({ path: pathArg.optional().describe('File path relative to the workspace root; leave out for every file') }),
    mutating: false,
    async invoke(args, ctx, signal) {
      let abs: string | undefined;
      let rel: string | undefined;
      if (args.path !== undefined) {
        const target = await targetFile(ctx, args.path, signal);
        if (target instanceof Refused) return { output: target.message, isError: true };
        ({ abs, rel } = target);
      }
      const { text, count } = await formatProblems(resultContext(ctx), await ls.diagnostics(abs, signal));
      if (count === 0) return { output: `No problems reported${rel ? ` in ${rel}` : ' in the workspace'}. (Only files the language servers have checked are known.)`, meta: { count } };
      return { output: `${count} problem${count === 1 ? '' : 's'}:\n${text}`, meta: { count } };
    },
  };
}

/** The language tools over a service; none without one (the CLI). */
export function languageTools(service: LanguageService | undefined): Tool[] {
  if (!service) return [];
  return [goToDefinition(service), findReferences(service), documentSymbols(service), workspaceSymbols(service), hover(service), diagnostics(service)] as Tool[];
}
