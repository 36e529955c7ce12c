// Owns what a history search matches: the words of the query (any case, in any order) against a
// task's title and the text of its messages — what the user wrote and what the model answered, not
// tool output or the hidden conversation sent to the model.

/** The query's words, lower-cased; quotes are ignored. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .replace(/["“”]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

export function matchesAll(text: string, words: string[]): boolean {
  return words.every((w) => text.includes(w));
}

/** The lower-cased text a task is searched by: the `text` and `markdown` of its items. */
export function searchable(items: unknown): string {
  if (!Array.isArray(items)) return '';
  const parts: string[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const { text, markdown } = item as { text?: unknown; markdown?: unknown };
    if (typeof text === 'string') parts.push(text);
    if (typeof markdown === 'string') parts.push(markdown);
  }
  return parts.join('\n').toLowerCase();
}
