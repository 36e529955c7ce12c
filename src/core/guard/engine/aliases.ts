// Owns module aliases: which local names stand for which module or module member, so a sink is
// recognised however it was imported — `const cp = require('child_process'); cp.exec(…)`,
// `const { readFile: rf } = require('fs')`, `import { exec as run } from 'node:child_process'`,
// `const execP = util.promisify(exec)`, `import subprocess as sp`, `from os import system`.
// Names resolve to a canonical dotted path (`child_process.exec`, `fs.promises.readFile`).
import type { PlainNode as SyntaxNode } from './plainTree';
import type { GuardLanguage } from '../rules/types';

export type AliasLookup = (name: string) => string | undefined;

const moduleName = (spec: string) =>
  spec
    .replace(/^['"`]|['"`]$/g, '')
    .replace(/^node:/, '')
    .replace(/\//g, '.');

const kids = (n: SyntaxNode | null) => (n ? (n.namedChildren.filter(Boolean) as SyntaxNode[]) : []);

/** The canonical path an expression stands for, when it is a module, a module member or a promisified one. */
export function aliasOfExpression(n: SyntaxNode, lookup: AliasLookup): string | undefined {
  switch (n.type) {
    case 'identifier':
      // `const indirect = eval` makes `indirect(x)` an eval.
      return lookup(n.text) ?? (n.text === 'eval' || n.text === 'Function' ? n.text : undefined);
    case 'member_expression': {
      const obj = n.childForFieldName('object');
      const base = obj && aliasOfExpression(obj, lookup);
      return base ? `${base}.${n.childForFieldName('property')?.text ?? ''}` : undefined;
    }
    case 'await_expression':
    case 'parenthesized_expression':
      return kids(n)[0] ? aliasOfExpression(kids(n)[0], lookup) : undefined;
    case 'call_expression': {
      const fn = n.childForFieldName('function')?.text ?? '';
      const args = kids(n.childForFieldName('arguments'));
      if (fn === 'require' && args[0]?.type === 'string') return moduleName(args[0].text);
      if (/^(?:util\.)?promisify$/.test(fn) && args[0]) return aliasOfExpression(args[0], lookup) ?? (args[0].type === 'identifier' ? args[0].text : undefined);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Local names a declaration binds to module paths: `x = require(…)`, destructuring of one, imports. */
export function aliasBindings(n: SyntaxNode, lang: GuardLanguage, lookup: AliasLookup): Array<[string, string]> {
  if (lang === 'js') {
    if (n.type === 'variable_declarator' || n.type === 'assignment_expression') {
      const target = n.childForFieldName('name') ?? n.childForFieldName('left');
      const value = n.childForFieldName('value') ?? n.childForFieldName('right');
      const base = value && aliasOfExpression(value, lookup);
      if (!target || !base) return [];
      if (target.type === 'identifier') return [[target.text, base]];
      if (target.type === 'object_pattern') {
        return kids(target).flatMap((p): Array<[string, string]> => {
          if (p.type === 'shorthand_property_identifier_pattern') return [[p.text, `${base}.${p.text}`]];
          const key = p.childForFieldName('key')?.text;
          const val = p.childForFieldName('value');
          return p.type === 'pair_pattern' && key && val?.type === 'identifier' ? [[val.text, `${base}.${key}`]] : [];
        });
      }
      return [];
    }
    if (n.type === 'import_statement') {
      const src = n.childForFieldName('source');
      if (!src) return [];
      const mod = moduleName(src.text);
      const out: Array<[string, string]> = [];
      for (const clause of kids(n).filter((c) => c.type === 'import_clause')) {
        for (const c of kids(clause)) {
          if (c.type === 'identifier') out.push([c.text, mod]);
          else if (c.type === 'namespace_import') {
            const id = kids(c).find((k) => k.type === 'identifier');
            if (id) out.push([id.text, mod]);
          } else if (c.type === 'named_imports') {
            for (const s of kids(c).filter((k) => k.type === 'import_specifier')) {
              const name = s.childForFieldName('name')?.text;
              const alias = s.childForFieldName('alias')?.text ?? name;
              if (name && alias) out.push([alias, `${mod}.${name}`]);
            }
          }
        }
      }
      return out;
    }
    return [];
  }
  if (lang === 'python') {
    if (n.type === 'import_statement') {
      return kids(n).flatMap((c): Array<[string, string]> => {
        if (c.type !== 'aliased_import') return [];
        const name = c.childForFieldName('name')?.text;
        const alias = c.childForFieldName('alias')?.text;
        return name && alias ? [[alias, name]] : [];
      });
    }
    if (n.type === 'import_from_statement') {
      const mod = n.childForFieldName('module_name')?.text;
      if (!mod) return [];
      return kids(n)
        .filter((c) => c !== n.childForFieldName('module_name'))
        .flatMap((c): Array<[string, string]> => {
          if (c.type === 'dotted_name') return [[c.text, `${mod}.${c.text}`]];
          if (c.type === 'aliased_import') {
            const name = c.childForFieldName('name')?.text;
            const alias = c.childForFieldName('alias')?.text;
            return name && alias ? [[alias, `${mod}.${name}`]] : [];
          }
          return [];
        });
    }
  }
  return [];
}

/** The callee with its leading local name replaced by the module path it stands for. */
export function canonicalCallee(callee: string, lookup: AliasLookup): string {
  const head = /^[\w$]+/.exec(callee)?.[0];
  if (!head) return callee;
  const a = lookup(head);
  return a ? a + callee.slice(head.length) : callee;
}
