// Owns reading a prompt file's front matter: the `---` block at the top of `.tandem/commands/*.md`
// and VS Code's `.github/prompts/*.prompt.md`. Only the flat subset these files use is read —
// `key: value`, quoted values, and lists (`[a, b]` or `- a` lines) — never full YAML, so a file can
// neither run anything nor take long to read. A block that does not parse is an error sentence.

export type FrontMatterValue = string | string[];

export interface ParsedPromptFile {
  meta: Record<string, FrontMatterValue>;
  body: string;
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) {
    const inner = t.slice(1, -1);
    return t.startsWith('"') ? inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
  }
  return t;
}

function inlineList(v: string): string[] {
  return v
    .slice(1, -1)
    .split(',')
    .map(unquote)
    .filter((s) => s !== '');
}

/** The front matter and the body after it; a file without front matter is all body. */
export function parseFrontMatter(text: string): ParsedPromptFile | { error: string } {
  const src = text.replace(/^\uFEFF/, '');
  const lines = src.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { meta: {}, body: src };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return { error: 'its front matter starts with --- but has no closing --- line' };
  const meta: Record<string, FrontMatterValue> = {};
  let listKey: string | undefined;
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s*(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      (meta[listKey] as string[]).push(unquote(item[1]));
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) return { error: `line ${i + 1} of its front matter is not "key: value" (${JSON.stringify(line.slice(0, 60))})` };
    const [, key, raw] = kv;
    const value = raw.trim();
    listKey = undefined;
    if (value === '') {
      meta[key] = [];
      listKey = key;
    } else if (value.startsWith('[') && value.endsWith(']')) meta[key] = inlineList(value);
    else meta[key] = unquote(value);
  }
  return { meta, body: lines.slice(end + 1).join('\n').replace(/^\n+/, '') };
}
