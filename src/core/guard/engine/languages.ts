// Owns which language and grammar a file path means (by extension). No tree-sitter here: callers on
// the activation path can ask without loading the parser.
import type { GrammarName } from '../../syntax/treeSitter';
import type { GuardLanguage } from '../rules/types';

export function guardLanguageOf(path: string): GuardLanguage | undefined {
  if (/\.(?:[cm]?[jt]sx?)$/i.test(path)) return 'js';
  if (/\.pyw?$/i.test(path)) return 'python';
  if (/\.java$/i.test(path)) return 'java';
  return undefined;
}

export function grammarOf(path: string): GrammarName | undefined {
  if (/\.tsx$/i.test(path)) return 'tsx';
  if (/\.[cm]?ts$/i.test(path)) return 'typescript';
  if (/\.(?:[cm]?js|jsx)$/i.test(path)) return 'javascript';
  if (/\.pyw?$/i.test(path)) return 'python';
  if (/\.java$/i.test(path)) return 'java';
  return undefined;
}
