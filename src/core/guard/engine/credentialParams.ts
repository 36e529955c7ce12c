// Owns finding passwords handed as literals to a function of the same file whose parameter is named
// as one: `run(driver, url, "sa", "sa")` where `void run(String driver, String url, String user, String
// password)` passes the password on to the driver. The parameter's name says what the argument is,
// as the credential rules' API places do for library calls (`getConnection(url, user, password)`).
import type { PlainNode } from './plainTree';
import type { GuardLanguage } from '../rules/types';
import { SYNTAX } from './syntax';
import { looksLikeCredential, namesASecret } from './secrets';

/** A parameter list that may name a password: the cheap test before the walk. */
const MAYBE = /(?:pass(?:word|wd|phrase)?|pwd|secret)\w*\s*[,)=:]/i;

interface SecretParam {
  index: number;
  name: string;
}

/** A JavaScript `constructor` or a Python `__init__` is called by its class's name. */
function constructorClass(fn: PlainNode): string | undefined {
  const own = fn.childForFieldName('name')?.text;
  if (own !== 'constructor' && own !== '__init__') return undefined;
  let p = fn.parent;
  while (p && !/^class(?:_declaration|_definition)?$/.test(p.type)) p = p.parent;
  return p?.childForFieldName('name')?.text;
}

/** The literal arguments that fill a password-named parameter of a function declared in the file. */
export function credentialArguments(root: PlainNode, lang: GuardLanguage, text: string): PlainNode[] {
  if (!MAYBE.test(text)) return [];
  const syn = SYNTAX[lang];
  const byName = new Map<string, SecretParam[]>();
  const calls: PlainNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (syn.functions.has(n.type)) {
      const name = constructorClass(n) ?? syn.fnName(n);
      const secret = syn.params(n).flatMap((p, index) => (namesASecret(p.name) ? [{ index, name: p.name }] : []));
      if (/^[A-Za-z_$][\w$]*$/.test(name) && secret.length) byName.set(name, secret);
    } else if (syn.calls.has(n.type)) calls.push(n);
    for (const k of n.children) stack.push(k);
  }
  if (!byName.size) return [];
  const out: PlainNode[] = [];
  for (const call of calls) {
    // `obj.run(…)`, `new SQLInjection().run(…)`, `new Client(…)` (a constructor is named by its class).
    const callee = syn.callee(call).replace(/^new\s*/, '');
    const params = byName.get(callee.slice(callee.lastIndexOf('.') + 1));
    if (!params) continue;
    const args = syn.args(call);
    for (const p of params) {
      const arg = syn.kwarg(call, p.name) ?? args[p.index];
      if (arg && syn.strings.has(arg.type) && !arg.namedChildren.some((c) => syn.interpolations.has(c.type)) && looksLikeCredential(arg.text)) out.push(arg);
    }
  }
  return out;
}
