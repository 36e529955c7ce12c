// Owns how a completion prompt is written for each kind of server: fill-in-the-middle tokens per
// model family (chosen from the model name), the OpenAI `suffix` parameter otherwise, and the chat
// prompt for chat-only models, with its answer cleanup.
export type TemplateName = 'suffix' | 'starcoder' | 'starcoder2' | 'qwen' | 'deepseek' | 'codellama' | 'codestral';
export type TemplateSetting = 'auto' | TemplateName;

export interface Snippet {
  relativePath: string;
  text: string;
}

export interface PromptParts {
  prefix: string;
  suffix: string;
  relativePath: string;
  languageId: string;
  snippets: Snippet[];
  /** Name of the workspace (for repo-level FIM formats). */
  repoName?: string;
}

export interface FimPrompt {
  template: TemplateName;
  prompt: string;
  /** Sent as the `suffix` parameter (only for the 'suffix' template). */
  suffix?: string;
  stop: string[];
}

const FAMILIES: Array<[RegExp, TemplateName]> = [
  [/starcoder2/i, 'starcoder2'],
  [/starcoder|santacoder|stable-?code/i, 'starcoder'],
  [/qwen.*coder|codeqwen/i, 'qwen'],
  [/deepseek.*coder/i, 'deepseek'],
  [/code-?llama/i, 'codellama'],
  [/codestral/i, 'codestral'],
];

/**
 * Picks the template. Ollama applies the model's own FIM template when given `suffix`, so raw FIM
 * tokens are only written for servers that take raw prompts (llama.cpp, vLLM, TGI, LM Studio…).
 */
export function chooseTemplate(model: string, baseUrl: string, setting: TemplateSetting = 'auto'): TemplateName {
  if (setting !== 'auto') return setting;
  if (/:11434(\/|$)/.test(baseUrl) || /ollama/i.test(baseUrl)) return 'suffix';
  for (const [re, name] of FAMILIES) if (re.test(model)) return name;
  return 'suffix';
}

/** Comment syntax for putting context snippets in front of the prefix. */
export function lineComment(languageId: string): string {
  if (/^(python|shellscript|ruby|perl|r|yaml|toml|dockerfile|makefile|powershell|elixir|julia|coffeescript)$/.test(languageId)) return '#';
  if (/^(lua|sql|haskell|ada|vhdl)$/.test(languageId)) return '--';
  if (/^(clojure|lisp|scheme|racket|ini)$/.test(languageId)) return ';';
  if (/^(latex|tex|matlab|erlang)$/.test(languageId)) return '%';
  if (/^(html|xml|markdown|vue|svelte)$/.test(languageId)) return '';
  return '//';
}

/** The path and the snippets as comments, for templates with no repo-level format. */
export function commentHeader(p: PromptParts): string {
  const c = lineComment(p.languageId);
  if (!c) return '';
  const out: string[] = [];
  for (const s of p.snippets) {
    out.push(`${c} Path: ${s.relativePath}`);
    for (const l of s.text.split('\n')) out.push(`${c} ${l}`);
  }
  out.push(`${c} Path: ${p.relativePath}`);
  return out.join('\n') + '\n';
}

const STOPS: Record<TemplateName, string[]> = {
  suffix: [],
  starcoder: ['<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<|endoftext|>', '<file_sep>'],
  starcoder2: ['<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<|endoftext|>', '<file_sep>'],
  qwen: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>', '<|im_start|>', '<|im_end|>'],
  deepseek: ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜end▁of▁sentence｜>', '<|EOT|>'],
  codellama: ['<PRE>', '<SUF>', '<MID>', '<EOT>'],
  codestral: ['[PREFIX]', '[SUFFIX]', '</s>'],
};

export function buildFimPrompt(template: TemplateName, p: PromptParts): FimPrompt {
  const stop = STOPS[template];
  switch (template) {
    case 'suffix':
      return { template, prompt: commentHeader(p) + p.prefix, suffix: p.suffix, stop };
    case 'starcoder':
      return { template, prompt: `<fim_prefix>${commentHeader(p)}${p.prefix}<fim_suffix>${p.suffix}<fim_middle>`, stop };
    case 'starcoder2': {
      const files = p.snippets.map((s) => `<file_sep>${s.relativePath}\n${s.text}\n`).join('');
      const repo = p.repoName ? `<repo_name>${p.repoName}` : '';
      return { template, prompt: `${repo}${files}<file_sep><fim_prefix>${p.relativePath}\n${p.prefix}<fim_suffix>${p.suffix}<fim_middle>`, stop };
    }
    case 'qwen': {
      if (p.snippets.length === 0) return { template, prompt: `<|fim_prefix|>${p.prefix}<|fim_suffix|>${p.suffix}<|fim_middle|>`, stop };
      const files = p.snippets.map((s) => `<|file_sep|>${s.relativePath}\n${s.text}\n`).join('');
      return { template, prompt: `<|repo_name|>${p.repoName ?? 'workspace'}\n${files}<|file_sep|>${p.relativePath}\n<|fim_prefix|>${p.prefix}<|fim_suffix|>${p.suffix}<|fim_middle|>`, stop };
    }
    case 'deepseek':
      return { template, prompt: `<｜fim▁begin｜>${commentHeader(p)}${p.prefix}<｜fim▁hole｜>${p.suffix}<｜fim▁end｜>`, stop };
    case 'codellama':
      return { template, prompt: `<PRE> ${commentHeader(p)}${p.prefix} <SUF>${p.suffix} <MID>`, stop };
    case 'codestral':
      return { template, prompt: `[SUFFIX]${p.suffix}[PREFIX]${commentHeader(p)}${p.prefix}`, stop };
  }
}

export const HOLE = '<<CURSOR>>';

const CHAT_SYSTEM =
  'You are a code completion engine inside an editor. You receive a file with the marker ' +
  `${HOLE} where the cursor is. Reply with ONLY the text to insert at the marker: no explanation, ` +
  'no Markdown fences, no repetition of the code before or after the marker. If nothing useful fits, reply with nothing.';

export function buildChatMessages(p: PromptParts): Array<{ role: 'system' | 'user'; content: string }> {
  const context = p.snippets.map((s) => `Related code from ${s.relativePath}:\n${s.text}\n`).join('\n');
  const user = `${context}${context ? '\n' : ''}File ${p.relativePath} (${p.languageId}):\n${p.prefix}${HOLE}${p.suffix}`;
  return [
    { role: 'system', content: CHAT_SYSTEM },
    { role: 'user', content: user },
  ];
}

/** Cleans a chat model's answer: drops fences, a repeated marker, and a repeated line start. */
export function cleanChatAnswer(answer: string, linePrefix: string): string {
  let a = answer.replace(/\r\n/g, '\n');
  const fenced = /^\s*```[\w+-]*\n([\s\S]*?)\n?```\s*$/.exec(a);
  if (fenced) a = fenced[1];
  a = a.split(HOLE).join('');
  const trimmedPrefix = linePrefix.trimStart();
  if (trimmedPrefix && a.trimStart().startsWith(trimmedPrefix)) a = a.trimStart().slice(trimmedPrefix.length);
  return a;
}
