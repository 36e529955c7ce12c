// Owns the module aliases of a whole file for the query rules: which local names stand for which module
// member however they were imported (`import { createHash as h } from 'node:crypto'`, `import * as c from
// 'crypto'`, `const { createHash } = require('crypto')`, `from hashlib import md5`, `import hashlib as hl`),
// so a query's `where.callee` is matched against the canonical callee (`crypto.createHash`, `hashlib.md5`).
// The taint rules follow aliases per scope (aliases.ts); here one table per file is enough.
import type { PlainNode } from './plainTree';
import type { GuardLanguage } from '../rules/types';
import { aliasBindings, canonicalCallee } from './aliases';

const BINDINGS = new Set(['variable_declarator', 'assignment_expression', 'import_statement', 'import_from_statement']);

export class FileAliases {
  private table?: Map<string, string>;

  constructor(
    private readonly root: PlainNode,
    private readonly lang: GuardLanguage,
  ) {}

  private aliases(): Map<string, string> {
    if (this.table) return this.table;
    const table = new Map<string, string>();
    const lookup = (name: string) => table.get(name);
    const stack = [this.root];
    const found: PlainNode[] = [];
    while (stack.length) {
      const n = stack.pop()!;
      if (BINDINGS.has(n.type)) found.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
    // In source order, so `const c = require('crypto'); const h = c.createHash` resolves through c.
    for (const n of found.sort((a, b) => a.startIndex - b.startIndex)) for (const [name, path] of aliasBindings(n, this.lang, lookup)) table.set(name, path);
    return (this.table = table);
  }

  /** The callee text with its leading name (or a `require('m')` in place) replaced by the module path it stands for. */
  canonical(callee: string): string {
    const t = callee.replace(/\s+/g, '');
    const req = /^require\((['"`])(?:node:)?([^'"`]+)\1\)/.exec(t);
    if (req) return req[2].replace(/\//g, '.') + t.slice(req[0].length);
    return canonicalCallee(t, (name) => this.aliases().get(name));
  }
}
