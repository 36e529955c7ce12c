// Owns fixing what models of particular families put into a raw completion before post-processing:
// reasoning blocks (`<think>…</think>`), special tokens of any FIM family leaking into the text (a
// template that does not match the model), and runaway repetition (a small model looping on a line
// or a few characters).

/** Special tokens of the FIM families and chat templates: text from the first one on is noise. */
const SPECIAL = /<fim_(?:prefix|suffix|middle|pad)>|<file_sep>|<repo_name>|<\|endoftext\|>|<\|fim_(?:prefix|suffix|middle|pad)\|>|<\|file_sep\|>|<\|repo_name\|>|<\|im_(?:start|end)\|>|<｜fim▁(?:begin|hole|end)｜>|<｜end▁of▁sentence｜>|<\|EOT\|>|<\|eot_id\|>|<\|end\|>|<EOT>|<PRE>|<SUF>|<MID>|\[PREFIX\]|\[SUFFIX\]|\[MIDDLE\]|<\/s>/;

/** Drops reasoning blocks; an unclosed one means the answer has not started yet. */
export function stripThinking(raw: string): string {
  let text = raw.replace(/^\s*<(think|thinking|reasoning)>[\s\S]*?<\/\1>[ \t]*\n?/, '');
  if (/^\s*<(think|thinking|reasoning)>/.test(text)) return '';
  text = text.replace(/<(think|thinking)>[\s\S]*?<\/\1>/g, '');
  return text;
}

export function cutAtSpecialTokens(raw: string): string {
  const m = SPECIAL.exec(raw);
  return m ? raw.slice(0, m.index) : raw;
}

/**
 * Cuts a completion where it starts looping: a block of 1–4 lines repeated a third time, or a run of
 * the same 2–30 characters repeated five times on a line. The first occurrence is kept.
 */
export function cutRepetition(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    for (let period = 1; period <= 4; period++) {
      if (i + 3 * period > lines.length) break;
      const block = lines.slice(i, i + period);
      if (block.every((l) => l.trim() === '')) continue;
      let repeats = 1;
      while (i + (repeats + 1) * period <= lines.length && lines.slice(i + repeats * period, i + (repeats + 1) * period).every((l, k) => l === block[k])) repeats++;
      if (repeats >= 3) return lines.slice(0, i + period).join('\n');
    }
  }
  const out: string[] = [];
  for (const line of lines) {
    const m = /(.{2,30}?)\1{4,}/.exec(line);
    if (m && m[1].trim() !== '' && !/^(.)\1*$/.test(m[1])) {
      out.push(line.slice(0, m.index + m[1].length));
      return out.join('\n');
    }
    out.push(line);
  }
  return text;
}

/** Every fix, in order. */
export function cleanRaw(raw: string): string {
  return cutRepetition(cutAtSpecialTokens(stripThinking(raw)));
}
