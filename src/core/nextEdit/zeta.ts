// Owns Zeta's prompt format (Zed's open edit-prediction model, served by Ollama, vLLM or llama.cpp
// through /v1/completions): an instruction, the user's edits as diffs, related code, and the
// excerpt with the editable region and the cursor marked; the model answers with the excerpt
// rewritten, and the region between its markers is what counts.
import { between, excerpt, END, type Parsed, type PromptInput } from './markers';

const INSTRUCTION =
  'You are a code completion assistant and your task is to analyze user edits and then rewrite an excerpt that the user provides, suggesting the appropriate edits within the excerpt, taking into account the cursor location.';

export function buildZetaPrompt(p: PromptInput): string {
  const parts = ['### Instruction:', INSTRUCTION, ''];
  if (p.snippets.length) {
    parts.push('### Context:', '');
    for (const s of p.snippets) parts.push(`Related code from "${s.relativePath}":`, '```', s.text, '```', '');
  }
  parts.push('### User Edits:', '', p.events.join('\n\n'), '');
  parts.push('### User Excerpt:', '', '```' + p.path, excerpt(p.region), '```', '', '### Response:', '');
  return parts.join('\n');
}

/** Stop reading once the region is complete. */
export function zetaComplete(textSoFar: string): boolean {
  return textSoFar.includes(END);
}

/**
 * The rewritten region. An answer that repeats context before its start marker must repeat ours:
 * other lines there mean it rewrote some other code.
 */
export function parseZetaAnswer(raw: string, p: PromptInput): Parsed {
  const parsed = between(raw);
  if (parsed.kind !== 'region') return parsed;
  const lead = raw.slice(0, raw.indexOf('<|editable_region_start|>')).split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('```') && l !== '<|start_of_file|>');
  if (lead.length) {
    const ours = new Set([...p.region.before].map((l) => l.trim()).filter(Boolean));
    if (!ours.has(lead[lead.length - 1])) return { kind: 'problem', message: 'the answer rewrites another region (its context before the region is not ours)' };
  }
  return parsed;
}
