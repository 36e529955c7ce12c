// Owns the chat format for any instruct model: the same content as Zeta's (edits, related code,
// the excerpt with markers) in a system and a user message, the answer being the region between the
// same markers. Tolerant of what chat models do: a code fence around the answer, markers repeated,
// reasoning before it, or a plain "no change".
import { between, CURSOR, END, excerpt, START, type Parsed, type PromptInput } from './markers';

const SYSTEM = [
  'You predict the next edit a programmer will make. You see their recent edits (unified diffs, newest last), related code, and an excerpt of the current file.',
  `Part of the excerpt lies between ${START} and ${END}: the editable region. ${CURSOR} marks the cursor.`,
  'Rewrite the editable region with the edit the programmer is most likely to make next, usually carrying a recent edit through (a renamed name used elsewhere, a new parameter passed on, a pattern repeated).',
  `Answer with ${START}, the rewritten region, ${END} and nothing else. Leave out ${CURSOR}. Keep every line you do not change exactly as it is.`,
  'If no edit is likely, answer: no change',
].join('\n');

export function buildChatMessages(p: PromptInput): Array<{ role: 'system' | 'user'; content: string }> {
  const parts: string[] = [];
  if (p.snippets.length) {
    parts.push('Related code:');
    for (const s of p.snippets) parts.push(`"${s.relativePath}":`, '```', s.text, '```');
    parts.push('');
  }
  parts.push('Recent edits:', p.events.length ? p.events.join('\n\n') : '(none)', '');
  parts.push(`Current file "${p.path}" (${p.languageId}):`, '```', excerpt(p.region), '```');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: parts.join('\n') },
  ];
}

const NO_CHANGE = /^\s*(?:no (?:change|changes|edit|edits)(?: (?:needed|required|is needed))?|none|nothing to change)\s*\.?\s*$/i;

export function parseChatAnswer(raw: string): Parsed {
  const text = raw.replace(/<think>[\s\S]*?<\/think>/g, '').replace(/^\s*```[\w.+-]*[ \t]*\r?\n/, '').replace(/\r?\n```\s*$/, '');
  if (NO_CHANGE.test(text) || NO_CHANGE.test(text.replace(/`/g, ''))) return { kind: 'none' };
  return between(text);
}

export function chatComplete(textSoFar: string): boolean {
  const s = textSoFar.indexOf(START);
  return s >= 0 && textSoFar.indexOf(END, s) > 0;
}
