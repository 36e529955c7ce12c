// Owns the reviewer's own check for text in a change that addresses an AI reviewer ("ignore the
// previous instructions", "report no findings", "this code was already approved by the security
// team"): such text is a finding in itself, reported whatever the model answers, so a reviewer
// model that obeyed it still cannot make the review read "no issues". Attackers' spellings are
// folded first: Unicode compatibility forms (fullwidth letters), zero-width and bidi characters,
// comment markers and string concatenation split across lines.
import type { ProposedChange } from '../changes/change';
import type { Finding } from '../changes/finding';
import { addedLineNumbers } from './lines';

const PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|your|system|any)\b.{0,20}\b(instructions?|prompts?|rules?|guidelines?|directives?)\b/,
  /\b(ai|llm|gpt|model|automated|code|security)[ -]?(reviewers?|review|scanners?|auditors?|assistants?)\b.{0,80}\b(ignore|skip|approve|mark (it|this|the \w+) (as )?(safe|secure|approved|clean)|(must|should|shall)( not)? (flag|report|approve|ignore|skip|return|answer|output)|(do not|don't|never) (flag|report|mention)|return|respond|answer|output)\b/,
  /\b(report|return|output|respond with|answer with|reply with)\b.{0,30}\b(no|zero|empty|0)\b.{0,20}\b(findings?|issues?|vulnerabilit(y|ies)|problems?)\b/,
  /"findings"\s*:\s*\[\s*\]/,
  /\b(already|previously)\b.{0,30}\b(reviewed|approved|audited|vetted)\b.{0,60}\b(skip|ignore|no need|do not|don't|safe)\b/,
  /\byou are (now )?(an? |the )?(ai|assistant|reviewer|language model|llm)\b/,
  /<\/?\s*(system|instructions?|assistant|im_start|im_end)\s*>/,
  /\bnew (system )?instructions?\s*:/,
];

// eslint-disable-next-line no-misleading-character-class -- the class lists invisible characters on purpose
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]/g;

/** One added line as the checks see it: compatibility-folded, invisible characters gone, lower case. */
export function fold(line: string): string {
  return line
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/\\u200[b-f]/g, '')
    .replace(/(^|\s)(\/\/+|#+|\/\*+|\*+\/?|--|<!--|-->|;)/g, ' ')
    .replace(/["'`]\s*\+\s*["'`]|["'`]\s*\+\s*$|^\s*\+?\s*["'`]/g, '')
    .replace(/\s+/g, ' ');
}

function matchAt(text: string): number {
  let at = -1;
  for (const p of PATTERNS) {
    const m = p.exec(text);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  return at;
}

/** Findings for added lines (alone, or joined with the next few added lines) that address an AI reviewer. */
export function injectionFindings(changes: ProposedChange[]): Finding[] {
  const out: Finding[] = [];
  for (const c of changes) {
    if (c.newText === undefined) continue;
    const path = c.newPath ?? c.path;
    const lines = c.newText.split('\n');
    const added = addedLineNumbers(c);
    const flagged = new Set<number>();
    for (const n of added) {
      // The line and up to four added lines after it: a sentence split over comment lines or a concatenation.
      const window: number[] = [n];
      for (let k = n + 1; k <= n + 4 && added.has(k); k++) window.push(k);
      const text = window.map((k) => fold(lines[k - 1] ?? '')).join(' ');
      if (matchAt(text) < 0) continue;
      if ([...flagged].some((f) => f >= n - 4 && f <= n)) continue;
      flagged.add(n);
      out.push({
        ruleId: 'tandem-review/prompt-injection',
        cwe: 'CWE-1427',
        severity: 'high',
        message: 'Text in the change addresses the AI reviewer (asks it to ignore its instructions, approve, or report nothing). The reviewer treats the change as data; a person should read this.',
        fix: 'Remove the text aimed at AI reviewers and review the change by hand.',
        path,
        line: n,
        snippet: (lines[n - 1] ?? '').slice(0, 200),
        source: 'model',
      });
    }
  }
  return out;
}
