// Owns context from other files: windows of lines from open and recently edited files, ranked by
// token overlap (Jaccard) with the code around the cursor. Windows are derived once per file version.
import type { RelatedFile } from './types';
import type { Snippet } from './templates';

interface Window {
  text: string;
  tokens: Set<string>;
}

interface Indexed {
  version: number;
  windows: Window[];
}

const WINDOW_LINES = 12;
const STEP = 6;
const MAX_FILE_CHARS = 200_000;

export function tokenize(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/[\p{L}_$][\p{L}\p{N}_$]{2,}/gu)) out.add(m[0].toLowerCase());
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const t of small) if (large.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

export class SnippetIndex {
  private readonly files = new Map<string, Indexed>();

  private windowsOf(file: RelatedFile): Window[] {
    const known = this.files.get(file.uri);
    if (known && known.version === file.version) return known.windows;
    const text = file.getText();
    const lines = (text.length > MAX_FILE_CHARS ? text.slice(0, MAX_FILE_CHARS) : text).split(/\r?\n/);
    const windows: Window[] = [];
    for (let i = 0; i < lines.length; i += STEP) {
      const chunk = lines.slice(i, i + WINDOW_LINES).join('\n');
      if (chunk.trim()) windows.push({ text: chunk, tokens: tokenize(chunk) });
      if (i + WINDOW_LINES >= lines.length) break;
    }
    this.files.set(file.uri, { version: file.version, windows });
    if (this.files.size > 50) this.files.delete(this.files.keys().next().value as string);
    return windows;
  }

  /**
   * The best snippets for the code around the cursor, at most `maxChars` in all, best first.
   * `around` is the text near the cursor (a few lines before it).
   */
  rank(around: string, files: RelatedFile[], maxChars: number, minScore = 0.1, maxFiles = 10): Snippet[] {
    const query = tokenize(around);
    if (query.size === 0 || maxChars <= 0) return [];
    const scored: Array<{ score: number; snippet: Snippet }> = [];
    for (const f of files.slice(0, maxFiles)) {
      let best: { score: number; text: string } | undefined;
      for (const w of this.windowsOf(f)) {
        const s = jaccard(query, w.tokens);
        if (!best || s > best.score) best = { score: s, text: w.text };
      }
      if (best && best.score >= minScore) scored.push({ score: best.score, snippet: { relativePath: f.relativePath, text: best.text } });
    }
    scored.sort((a, b) => b.score - a.score);
    const out: Snippet[] = [];
    let used = 0;
    for (const s of scored) {
      if (used + s.snippet.text.length > maxChars) continue;
      out.push(s.snippet);
      used += s.snippet.text.length;
    }
    return out;
  }
}
