// Syntax highlighting for code blocks in the panel: highlight.js core with the languages most answers
// use, bundled in main.js; the rest of highlight.js's common set (C-family, CSS, SQL, PHP, Ruby, …)
// is dist/webview/languages.js, loaded the first time a block names a language not registered yet,
// after which the panel renders again. Output keeps highlight.js's `hljs-*` classes.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import makefile from 'highlight.js/lib/languages/makefile';
import markdown from 'highlight.js/lib/languages/markdown';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type { LanguageFn } from 'highlight.js';

const eager: Record<string, LanguageFn> = { bash, diff, go, ini, java, javascript, json, makefile, markdown, plaintext, python, rust, shell, typescript, xml, yaml };
for (const [name, fn] of Object.entries(eager)) hljs.registerLanguage(name, fn);

/** What languages.js leaves on the window for us. */
export interface LazyLanguages {
  __tandemLanguages?: Record<string, LanguageFn>;
}

// main.js's own <script> element: languages.js sits beside it and needs the same CSP nonce.
const ownScript = document.currentScript as HTMLScriptElement | null;
let loading: 'no' | 'pending' | 'done' = 'no';
const loadedListeners: Array<() => void> = [];

/** Calls `listener` once the extra languages are registered (main.ts renders the panel again). */
export function onMoreLanguages(listener: () => void): void {
  loadedListeners.push(listener);
}

function loadMoreLanguages(): void {
  if (loading !== 'no' || !ownScript?.src) return;
  loading = 'pending';
  const script = document.createElement('script');
  script.nonce = ownScript.nonce;
  script.src = new URL('languages.js', ownScript.src).toString();
  script.onload = () => {
    loading = 'done';
    for (const [name, fn] of Object.entries((window as LazyLanguages).__tandemLanguages ?? {})) hljs.registerLanguage(name, fn);
    for (const l of loadedListeners) l();
  };
  script.onerror = () => (loading = 'done'); // stay plain rather than retry on every render
  document.head.append(script);
}

/** The highlighted HTML of `code`, or undefined when `lang` is unknown (yet: it may load). */
export function highlight(code: string, lang: string): string | undefined {
  if (!lang) return undefined;
  if (hljs.getLanguage(lang)) return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  loadMoreLanguages();
  return undefined;
}
