// Owns reading a declaration's signature out of source text: the lines from where a function, class,
// interface, type, enum or variable is declared to where its signature ends (the body is left out,
// except for the members of interfaces, types and enums, which are their signature). Plain text
// scanning: fast, any file size up to the caller's cap, no parser to load.
const MAX_LINES = 12;

const DECLARATION = (name: string) =>
  new RegExp(
    `^\\s*(?:export\\s+)?(?:default\\s+)?(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:(?:function\\*?|class|interface|type|enum|const|let|var|def|struct|trait|fn|func)\\s+${escape(name)}\\b|${escape(name)}\\s*[:=]\\s*(?:async\\s*)?(?:\\(|function))`,
  );

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The signature starting at line `at` of `lines` (0-based). */
export function signatureAt(lines: string[], at: number): string {
  const first = lines[at] ?? '';
  const whole = /^\s*(?:export\s+)?(?:declare\s+)?(?:interface|type|enum)\b/.test(first);
  const out: string[] = [];
  let depth = 0;
  for (let i = at; i < lines.length && out.length < MAX_LINES; i++) {
    const line = lines[i];
    if (!whole) {
      // Up to the body: `=>`, `{` (C-like), `:` at the end (Python), or a `;` ending a declaration.
      const arrow = line.indexOf('=>');
      if (arrow >= 0) {
        out.push(line.slice(0, arrow + 2) + ' …');
        return out.join('\n');
      }
      const brace = line.indexOf('{');
      if (brace >= 0 && !/^\s*(?:const|let|var|export\s+const)\b[^=]*=\s*\{/.test(line)) {
        out.push(line.slice(0, brace + 1).trimEnd() + (line.includes('}', brace) ? '' : ' … }'));
        return out.join('\n');
      }
      out.push(line);
      depth += (line.match(/\(/g)?.length ?? 0) - (line.match(/\)/g)?.length ?? 0);
      if (/:\s*(#.*)?$/.test(line) && /^\s*(?:async\s+)?(?:def|class)\b/.test(lines[at]) && depth <= 0) return out.join('\n');
      if (/;\s*$/.test(line)) return out.join('\n');
      continue;
    }
    out.push(line);
    depth += (line.match(/[{([]/g)?.length ?? 0) - (line.match(/[})\]]/g)?.length ?? 0);
    if (depth <= 0 && (i > at || /;\s*$|}\s*;?\s*$/.test(line) || !/[{([]\s*$/.test(line))) return out.join('\n');
  }
  return out.join('\n');
}

/** The signature of the top-level declaration of `name` in `text`, if there is one. */
export function findDeclaration(text: string, name: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const re = DECLARATION(name);
  for (let i = 0; i < lines.length; i++) if (re.test(lines[i])) return signatureAt(lines, i);
  return undefined;
}
