// Owns finding the file locations a tool step's output names — `src/a.ts:12`, `src/a.ts:12:5`
// (search hits, references, definitions, diagnostics, symbols) and, for a file search, each listed
// path — so the panel can make them links. Plain TypeScript shared by the webview and unit tests;
// the extension judges every path again when a link is clicked (core/policy/openLocation.ts).

export interface StepLink {
  /** Offsets of the linked text in the output. */
  start: number;
  end: number;
  path: string;
  line?: number;
}

// A relative path with a file extension (no spaces), then :line and maybe :column.
const LOCATION = /(?<![\w/.\\-])((?:[\w@+-][\w.@+-]*\/|\.{1,2}\/)*[\w@+-][\w.@+-]*\.[A-Za-z][A-Za-z0-9]*):(\d+)(?::\d+)?/g;
// A line that is only a relative path (find_files prints one per line; names may hold spaces).
const PATH_LINE = /^(?![[/\s])[^:*?"<>|]*[^\s:*?"<>|]$/;

/** The tools whose output lists one workspace path per line. */
export const PATH_LIST_TOOLS = new Set(['find_files']);

export function stepLinks(output: string, pathPerLine = false): StepLink[] {
  const links: StepLink[] = [];
  if (pathPerLine) {
    if (output.startsWith('No file matches')) return links;
    let offset = 0;
    for (const line of output.split('\n')) {
      if (PATH_LINE.test(line)) links.push({ start: offset, end: offset + line.length, path: line });
      offset += line.length + 1;
    }
    return links;
  }
  for (const m of output.matchAll(LOCATION)) {
    const line = Number(m[2]);
    if (line >= 1) links.push({ start: m.index, end: m.index + m[0].length, path: m[1], line });
  }
  return links;
}
