// Owns the words of a request about a piece of code (Explain, Refactor…, Fix, Generate Tests, inline
// chat): the prompt the model gets, with the exact lines and the code fenced, and the short text the
// user sees in the panel and the change log names the task by — never the raw prompt.
import { describeLines, type LineSpan } from './lineSpan';

export type RefactorKind = 'explain' | 'refactor' | 'fix' | 'tests';

export interface CodeRequest {
  kind: RefactorKind;
  /** Workspace-relative path. */
  file: string;
  languageId: string;
  span: LineSpan;
  code: string;
  instruction?: string;
  /** "line 3: message (source)". */
  diagnostics?: string[];
}

export interface RequestText {
  /** What the model receives. */
  prompt: string;
  /** What the user sees as their message. */
  display: string;
  /** The task's name (panel list, checkpoints, change log). */
  title: string;
}

const VERB: Record<RefactorKind, string> = { explain: 'Explain', refactor: 'Refactor', fix: 'Fix', tests: 'Generate tests for' };

/** A fence that the code itself cannot close. */
export function fence(code: string, languageId: string): string {
  const longest = Math.max(2, ...(code.match(/`{3,}/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${languageId}\n${code}\n${ticks}`;
}

export function codeRequest(r: CodeRequest): RequestText {
  const where = `${r.file}, ${describeLines(r.span)}`;
  const block = fence(r.code, r.languageId);
  const diags = r.diagnostics?.length ? `Diagnostics:\n${r.diagnostics.map((d) => `- ${d}`).join('\n')}\n` : '';
  const title = `${VERB[r.kind]} ${where}`;
  switch (r.kind) {
    case 'explain':
      return { title, display: `Explain ${where}`, prompt: `Explain this code from ${where}. Do not change any file.\n\n${block}` };
    case 'refactor':
      return { title, display: `Refactor ${where}: ${r.instruction}`, prompt: `Refactor this code in ${where}: ${r.instruction}\nKeep behaviour the same, edit the file in place, and run the tests afterwards.\n\n${block}` };
    case 'fix':
      return { title, display: `Fix ${where}${r.diagnostics?.length ? `\n${r.diagnostics.map((d) => `• ${d}`).join('\n')}` : ''}`, prompt: `Fix the problems in ${where}.\n${diags}\n${block}` };
    case 'tests':
      return { title, display: `Generate tests for ${where}`, prompt: `Write tests for this code from ${where}, in the project's test framework and folder layout, then run them.\n\n${block}` };
  }
}

export interface InlineRequest {
  file: string;
  languageId: string;
  span: LineSpan;
  code: string;
  instruction: string;
  /** A few lines before and after the selection, with their first line number (0-based). */
  before?: { start: number; text: string };
  after?: { start: number; text: string };
  diagnostics?: string[];
  /** Top-level signatures of the files this one imports, by path. */
  imports?: Array<{ path: string; signatures: string[] }>;
}

/** The prompt of an inline chat request: the instruction, the lines, what is around them, and the one file it may edit. */
export function inlinePrompt(r: InlineRequest): string {
  const where = `${r.file}, ${describeLines(r.span)}`;
  const parts = [
    `Inline edit request at ${where}: ${r.instruction}`,
    `Change only ${r.file}, and only what the request needs, with edit_file (or write_file for the whole file); keep the rest byte for byte. You may read other files but not edit them or run commands. Reply in one or two sentences.`,
    `Selected code (${describeLines(r.span)}):\n${fence(r.code, r.languageId)}`,
  ];
  if (r.before?.text) parts.push(`Code above it (from line ${r.before.start + 1}):\n${fence(r.before.text, r.languageId)}`);
  if (r.after?.text) parts.push(`Code below it (from line ${r.after.start + 1}):\n${fence(r.after.text, r.languageId)}`);
  if (r.diagnostics?.length) parts.push(`Diagnostics in range:\n${r.diagnostics.map((d) => `- ${d}`).join('\n')}`);
  const imports = (r.imports ?? []).filter((i) => i.signatures.length);
  if (imports.length) parts.push(`Signatures from imported files:\n${imports.map((i) => `${i.path}:\n${i.signatures.map((s) => `  ${s}`).join('\n')}`).join('\n')}`);
  return parts.join('\n\n');
}

// Top-level declarations worth showing as an imported file's signatures.
const DECLARATION = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?\s|class\s|interface\s|type\s|enum\s|const\s+\w+\s*=\s*(?:async\s*)?(?:\(|function)|def\s|pub\s+fn\s|fn\s|func\s)|^module\.exports\b|^exports\.\w+\s*=/;

/** The first line of each top-level declaration, trimmed of its body's opening. */
export function signaturesOf(text: string, max = 40): string[] {
  return text
    .split('\n')
    .filter((l) => DECLARATION.test(l))
    .map((l) => l.replace(/\s*\{\s*$/, '').replace(/\s*=>\s*\{?\s*$/, ' => …').trim().slice(0, 200))
    .slice(0, max);
}

/** Relative module specifiers a JS/TS file imports (only local files are looked up). */
export function localImports(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) out.add(m[1]);
  return [...out];
}
