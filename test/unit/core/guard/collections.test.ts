// Dicts, objects and maps written as literals are read entry by entry, probed as an attacker would: the
// entry that holds the request value is flagged however it is read (`d['a']`, `d.get('a')`, `o.a`,
// `o['a']`, options held in a variable), the constant entry beside it is not, and anything that may have
// changed an entry (a write under a key not known, a spread, a computed key) falls back to the union.
// Also LDAP and XPath text built through format functions and builders. Each row: file, code, rule, lines.
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';

type Row = [name: string, file: string, code: string, rule: string, lines: number[]];

const CMD = 'command-injection';
const py = (body: string) => `import os, subprocess\n@app.route('/x')\ndef x():\n    p = request.args['p']\n${body.replace(/^/gm, '    ')}`;
const js = (body: string) => `const cp = require('child_process');\napp.get('/x', (req, res) => {\n  const p = req.query.p;\n${body.replace(/^/gm, '  ')}\n});`;

const rows: Row[] = [
  ['Python: the constant entry of a dict literal', 'a.py', py("d = {'a': p, 'b': 'ls -l'}\nos.system(d['b'])"), CMD, []],
  ['Python: the request entry of a dict literal', 'a.py', py("d = {'a': p, 'b': 'ls -l'}\nos.system(d['a'])"), CMD, [6]],
  ['Python: read with get()', 'a.py', py("d = {'a': p, 'b': 'ls -l'}\nos.system(d.get('b'))\nos.system(d.get('a', 'ls'))"), CMD, [7]],
  ['Python: a key held in a constant variable', 'a.py', py("k = 'b'\nd = {'a': p, 'b': 'ls'}\nsubprocess.run(d[k], shell=True)"), CMD, []],
  ['Python: an entry overwritten with the request value', 'a.py', py("d = {'a': 'x', 'b': 'ls'}\nd['b'] = p\nos.system(d['b'])"), CMD, [7]],
  ['Python: the request entry popped before the read', 'a.py', py("d = {'a': p, 'b': 'ls'}\nd.pop('a')\nos.system(d['b'])"), CMD, []],
  ['Python: a write under a key not known may hit any entry', 'a.py', py("d = {'a': 'x', 'b': 'ls'}\nd[p] = p\nos.system(d['a'])"), CMD, [7]],
  ['Python: update() with request data is the union', 'a.py', py("d = {'b': 'ls'}\nd.update(request.form)\nos.system(d['b'])"), CMD, [7]],
  ['Python: a splat makes the dict the union', 'a.py', py("d = {'b': 'ls', **request.args}\nos.system(d['b'])"), CMD, [6]],
  ['Python: the whole dict passed on is the union', 'a.py', py("d = {'a': p, 'b': 'ls'}\nos.system(' '.join(d.values()))"), CMD, [6]],
  ['Python: a list literal read by constant index', 'a.py', py("l = [p, 'ls']\nos.system(l[1])\nos.system(l[0])"), CMD, [7]],
  ['Python: a dict in a branch joins both entries', 'a.py', py("d = {'a': 'x', 'b': 'ls'}\nif flag:\n    d['b'] = p\nos.system(d['b'])"), CMD, [8]],
  ['JS: the constant property of an object literal', 'a.js', js("const o = { a: p, b: 'ls -l' };\ncp.exec(o.b);\ncp.exec(o['b']);"), CMD, []],
  ['JS: the request property, dotted and bracketed', 'a.js', js("const o = { a: p, 'b': 'ls -l' };\ncp.exec(o.a);\ncp.exec(o['a']);"), CMD, [5, 6]],
  ['JS: a shorthand property', 'a.js', js("const cmd = 'ls';\nconst o = { p, cmd };\ncp.exec(o.cmd);\ncp.exec(o.p);"), CMD, [7]],
  ['JS: a property assigned the request value', 'a.js', js("const o = { a: 'x', b: 'ls' };\no.b = p;\ncp.exec(o.b);"), CMD, [6]],
  ['JS: a spread makes the object the union', 'a.js', js("const o = { b: 'ls', ...req.body };\ncp.exec(o.b);"), CMD, [5]],
  ['JS: a computed key write may hit any property', 'a.js', js("const o = { a: 'x', b: 'ls' };\no[req.query.k] = p;\ncp.exec(o.b);"), CMD, [6]],
  ['JS: a Map read with a constant key', 'a.js', js("const m = new Map();\nm.set('a', p);\nm.set('b', 'ls');\ncp.exec(m.get('b'));\ncp.exec(m.get('a'));"), CMD, [8]],
  // LDAP and XPath text built by format functions and builders, and the look-alikes that are safe.
  ['Java: LDAP filter from String.format, then a StringBuilder, then the search', 'L.java', 'class L extends HttpServlet {\n  public void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {\n    String u = request.getParameter("u");\n    StringBuilder sb = new StringBuilder();\n    sb.append(String.format("(uid=%s)", u));\n    String flt = "(&" + sb + "(objectClass=person))";\n    ctx.search("ou=people", flt, controls);\n  }\n}', 'ldap-injection', [7]],
  ['Java: LDAP search with filter arguments is parameterised', 'L.java', 'class L extends HttpServlet {\n  public void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {\n    String u = request.getParameter("u");\n    ctx.search("ou=people", "(&(uid={0})(objectClass=person))", new Object[] { u }, controls);\n  }\n}', 'ldap-injection', []],
  ['Java: XPath from MessageFormat through a fully-qualified XPath', 'X.java', 'class X extends HttpServlet {\n  public void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {\n    String u = request.getParameter("u");\n    javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();\n    xp.compile(java.text.MessageFormat.format("//user[@id=\'\'{0}\'\']", u)).evaluate(doc);\n  }\n}', 'xpath-injection', [5]],
  ['Java: XPath text that only looks built (constants joined)', 'X.java', 'class X extends HttpServlet {\n  public void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {\n    String base = "//user";\n    xp.evaluate(String.format("%s[@active=\'%s\']", base, "true"), doc);\n  }\n}', 'xpath-injection', []],
  ['Python: LDAP filter from an f-string held in a dict', 'a.py', "@app.route('/x')\ndef x():\n    opts = {'search_filter': f\"(uid={request.args['u']})\", 'attributes': ['cn']}\n    conn.search('dc=x', opts['search_filter'])", 'ldap-injection', [4]],
  ['JS: ldapjs options held in a variable, filter escaped', 'a.js', "const ldapEscape = require('ldap-escape');\napp.get('/x', (req, res) => {\n  const opts = { filter: ldapEscape.filter`(uid=${req.query.u})`, scope: 'sub' };\n  client.search('dc=x', opts, cb);\n});", 'ldap-injection', []],
  ['JS: ldapjs options held in a variable, filter built', 'a.js', "app.get('/x', (req, res) => {\n  const opts = { scope: 'sub', filter: '(uid=' + req.query.u + ')' };\n  client.search('dc=x', opts, cb);\n});", 'ldap-injection', [3]],
];

describe('guard dataflow: literal dicts, objects and maps read by constant key; LDAP and XPath built text', () => {
  for (const [name, file, code, rule, lines] of rows) {
    it(name, async () => {
      const got = (await scanText(file, code)).filter((f) => f.ruleId === rule).map((f) => f.line);
      assert.deepEqual([...new Set(got)], lines, `${rule} on ${JSON.stringify(got)}\n${code}`);
    });
  }
});
