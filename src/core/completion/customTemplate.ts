// Owns a user-defined FIM template (`tandem.completion.template` set to text with placeholders):
// `{prefix}`, `{suffix}`, `{filename}`, `{language}` and optionally `{snippets}` (the context from
// other files as comments). Placeholders are replaced in one pass, so a `{suffix}` written in the
// user's code is never expanded. The literal markers between placeholders become stop sequences.
import { commentHeader, type PromptParts, type TemplateName } from './templates';

const NAMES: ReadonlyArray<TemplateName | 'auto'> = ['auto', 'suffix', 'starcoder', 'starcoder2', 'qwen', 'deepseek', 'codellama', 'codestral'];
const PLACEHOLDER = /\{(prefix|suffix|filename|language|snippets)\}/g;

export function isCustomTemplate(setting: string): boolean {
  return !NAMES.includes(setting as TemplateName) && setting.includes('{prefix}');
}

/** Why the setting cannot be used, in a sentence that says how to fix it; undefined when it can. */
export function templateProblem(setting: string): string | undefined {
  if (NAMES.includes(setting as TemplateName) || isCustomTemplate(setting)) return undefined;
  const unknown = /\{(\w+)\}/.exec(setting);
  const hint = unknown ? ` (“{${unknown[1]}}” is not a placeholder)` : '';
  return `The completion template “${setting.slice(0, 60)}” is neither a known format (${NAMES.join(', ')}) nor a template containing {prefix}${hint}. Fix tandem.completion.template.`;
}

export function buildCustomPrompt(template: string, p: PromptParts): { prompt: string; stop: string[] } {
  const values: Record<string, string> = {
    prefix: p.prefix,
    suffix: p.suffix,
    filename: p.relativePath,
    language: p.languageId,
    snippets: commentHeader({ ...p, snippets: p.snippets }).replace(/[^\n]*Path: [^\n]*\n$/, ''),
  };
  const prompt = template.replace(PLACEHOLDER, (_, name: string) => values[name]);
  // Markers such as <fim_suffix> or [SUFFIX] that the model might write back.
  const stop = [...new Set(template.split(PLACEHOLDER).filter((_, i) => i % 2 === 0).map((s) => s.trim()).filter((s) => s.length >= 3 && !/\s/.test(s)))];
  return { prompt, stop };
}
