// Code blocks in answers: highlighted by highlight.js (highlight.ts) with the theme's own token colours
// (codeBlock.css), a language label, Copy / Insert at cursor / Apply to file, and horizontal
// scrolling instead of wrapping mid-statement. markdown-it takes the block as an HTML string: every
// piece of model text in it is escaped.
import { highlight } from './highlight';
import './codeBlock.css';

/** Aliases people write after ``` that highlight.js knows under another name. */
const ALIASES: Record<string, string> = { sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash', js: 'javascript', jsx: 'javascript', ts: 'typescript', tsx: 'typescript', py: 'python', rs: 'rust', yml: 'yaml', md: 'markdown', 'c++': 'cpp', cs: 'csharp', kt: 'kotlin', rb: 'ruby' };

function button(action: string, icon: string, title: string): string {
  return `<button class="icon" data-action="${action}" data-testid="code-${action}" title="${title}" aria-label="${title}"><i class="codicon codicon-${icon}"></i></button>`;
}

/** The HTML of one fenced block (info string: language, optionally a file path after it). */
export function codeBlockHtml(code: string, info: string, escapeHtml: (s: string) => string): string {
  const [rawLang = '', path = ''] = info.trim().split(/\s+/);
  const lang = rawLang.toLowerCase();
  const name = ALIASES[lang] ?? lang;
  // Highlighted with the languages loaded so far (highlight.ts loads the rest and the panel renders again).
  const highlighted = highlight(code, name);
  const known = highlighted !== undefined ? name : undefined;
  const body = highlighted ?? escapeHtml(code);
  const label = escapeHtml(rawLang || 'text');
  const target = path ? ` data-path="${escapeHtml(path)}"` : '';
  const head = `<div class="code-head"><span class="code-lang" data-testid="code-lang">${label}</span>${path ? `<span class="code-path" title="${escapeHtml(path)}">${escapeHtml(path)}</span>` : ''}<span class="code-spacer"></span>${button('copy', 'copy', 'Copy')}${button('insert', 'insert', 'Insert at cursor')}${button('apply', 'git-pull-request-go-to-changes', path ? `Apply to ${escapeHtml(path)} (shows the diff first)` : 'Apply to the open file (shows the diff first)')}</div>`;
  return `<pre class="code"${target}>${head}<code class="hljs${known ? ` language-${known}` : ''}">${body}</code></pre>`;
}
