// The dataflow of guard 3, probed as an attacker would: a constant assigned on one branch must not
// hide the request value of the other (joins are unions), code that can never run carries nothing
// (constant folding of conditions, switches and ternaries), collections are read element by element,
// functions of the same file pass values through (parameter → return, parameter → sink), and
// fully-qualified Java names mean what their imported forms mean. Each row: file, code, rule, the
// lines that must be flagged (and nothing else of that rule).
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';
import { fold } from '../../../../src/core/guard/engine/fold';
import { parse } from '../../../../src/core/guard/engine/parse';
import { plainTree } from '../../../../src/core/guard/engine/plainTree';
import { grammarOf } from '../../../../src/core/guard/engine/languages';

type Row = [name: string, file: string, code: string, rule: string, lines: number[]];

const TB = 'trust-boundary-violation';
/** A Java servlet method around `body`; line 3 is the body's first line. */
const servlet = (body: string) => `class S extends HttpServlet {\n  public void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {\n${body}\n  }\n}`;

const rows: Row[] = [
  // Joins: taint is the union of the branches.
  ['Java: a default assigned when null keeps the request value of the other branch', 'S.java', servlet('String p = request.getParameter("p");\nif (p == null) p = "";\nrequest.getSession().setAttribute("k", p);'), TB, [5]],
  ['Java: assigned on one branch only', 'S.java', servlet('String p = "none";\nif (request.getHeader("h") != null) { p = request.getHeader("h"); }\nrequest.getSession().setAttribute("k", p);'), TB, [5]],
  ['Java: constant on both branches is constant', 'S.java', servlet('String p = request.getParameter("p");\nif (p == null) { p = "a"; } else { p = "b"; }\nrequest.getSession().setAttribute("k", p);'), TB, []],
  ['Java: a branch that returns does not reach the sink', 'S.java', servlet('String p = "ok";\nif (request.getParameter("x") != null) { p = request.getParameter("x"); return; }\nrequest.getSession().setAttribute("k", p);'), TB, []],
  ['Python: if not param: param = ""', 'a.py', "@app.route('/x')\ndef x():\n    p = request.args.get('p')\n    if not p:\n        p = ''\n    session['k'] = p", TB, [6]],
  ['Python: elif chain joins every arm', 'a.py', "@app.route('/x')\ndef x():\n    p = 'a'\n    if flag:\n        p = 'b'\n    elif other:\n        p = request.args['p']\n    else:\n        p = 'c'\n    session['k'] = p", TB, [10]],
  ['JS: else branch keeps the request value', 'a.js', "app.post('/x', (req, res) => {\n  let v = req.body.v;\n  if (!v) { v = 'none'; }\n  req.session.v = v;\n});", TB, [4]],
  // Constant folding: a branch that never runs carries nothing.
  ['Java: arithmetic condition that is false', 'S.java', servlet('String param = request.getParameter("p");\nint num = 106;\nString bar;\nif ((7 * 42) - num > 200) bar = "never";\nelse bar = param;\nrequest.getSession().setAttribute("k", bar);'), TB, [8]],
  ['Java: arithmetic condition that is true', 'S.java', servlet('String param = request.getParameter("p");\nint num = 86;\nString bar;\nif ((7 * 42) - num > 200) bar = "always";\nelse bar = param;\nrequest.getSession().setAttribute("k", bar);'), TB, []],
  ['Java: integer division folds like Java', 'S.java', servlet('String param = request.getParameter("p");\nint num = 196;\nString bar = "safe";\nif ((500 / 42) + num > 200) bar = param;\nrequest.getSession().setAttribute("k", bar);'), TB, [7]],
  ['Java: a literal changed in a loop is not trusted there', 'S.java', servlet('String param = request.getParameter("p");\nint n = 0;\nString bar = "safe";\nwhile (more()) { if (n > 2) bar = param; n++; }\nrequest.getSession().setAttribute("k", bar);'), TB, [7]],
  ['Java: ternary with a constant condition', 'S.java', servlet('String param = request.getParameter("p");\nint num = 106;\nString bar = (7 * 18) + num > 200 ? "always" : param;\nrequest.getSession().setAttribute("k", bar);'), TB, []],
  ['Java: ternary with an unknown condition is the union', 'S.java', servlet('String param = request.getParameter("p");\nString bar = param.length() > 3 ? "short" : param;\nrequest.getSession().setAttribute("k", bar);'), TB, [5]],
  ['Java: switch on a constant runs one arm', 'S.java', servlet('String param = request.getParameter("p");\nString guess = "ABC";\nchar t = guess.charAt(1);\nString bar;\nswitch (t) {\n  case \'A\': bar = param; break;\n  case \'B\': bar = "bob"; break;\n  case \'C\': case \'D\': bar = param; break;\n  default: bar = "x"; break;\n}\nrequest.getSession().setAttribute("k", bar);'), TB, []],
  ['Java: switch on a constant that falls through to the request value', 'S.java', servlet('String param = request.getParameter("p");\nString guess = "ABC";\nchar t = guess.charAt(2);\nString bar;\nswitch (t) {\n  case \'A\': bar = "a"; break;\n  case \'C\':\n  case \'D\': bar = param; break;\n  default: bar = "x"; break;\n}\nrequest.getSession().setAttribute("k", bar);'), TB, [13]],
  ['Java: switch on an unknown value joins every arm', 'S.java', servlet('String param = request.getParameter("p");\nString bar;\nswitch (param.length()) {\n  case 1: bar = "a"; break;\n  default: bar = param;\n}\nrequest.getSession().setAttribute("k", bar);'), TB, [9]],
  ['Python: condition folded on constants', 'a.py', "@app.route('/x')\ndef x():\n    p = request.args['p']\n    n = 3\n    v = p if n * 2 > 10 else 'safe'\n    session['k'] = v", TB, []],
  // Collections with constant keys and indexes.
  ['Java: map entry overwritten before the get', 'S.java', servlet('String param = request.getParameter("p");\njava.util.HashMap<String,Object> map = new java.util.HashMap<String,Object>();\nmap.put("keyA", "a");\nmap.put("keyB", param);\nmap.put("keyB", "b");\nrequest.getSession().setAttribute("k", (String) map.get("keyB"));'), TB, []],
  ['Java: map get of another key', 'S.java', servlet('String param = request.getParameter("p");\njava.util.Map<String,Object> map = new java.util.HashMap<String,Object>();\nmap.put("keyA", "a");\nmap.put("keyB", param);\nrequest.getSession().setAttribute("k", (String) map.get("keyA"));'), TB, []],
  ['Java: map get of the tainted key', 'S.java', servlet('String param = request.getParameter("p");\njava.util.Map<String,Object> map = new java.util.HashMap<String,Object>();\nmap.put("keyA", "a");\nmap.put("keyB", param);\nrequest.getSession().setAttribute("k", (String) map.get("keyB"));'), TB, [7]],
  ['Java: map get with a key not known is the union', 'S.java', servlet('String param = request.getParameter("p");\njava.util.Map<String,Object> map = new java.util.HashMap<String,Object>();\nmap.put("keyB", param);\nrequest.getSession().setAttribute("k", (String) map.get(request.getParameter("w")));'), TB, [6]],
  ['Java: list whose tainted element was removed', 'S.java', servlet('String param = request.getParameter("p");\njava.util.List<String> l = new java.util.ArrayList<String>();\nl.add("safe");\nl.add(param);\nl.add("moresafe");\nl.remove(0);\nrequest.getSession().setAttribute("k", l.get(1));'), TB, []],
  ['Java: list element that is the request value after a removal', 'S.java', servlet('String param = request.getParameter("p");\njava.util.List<String> l = new java.util.ArrayList<String>();\nl.add("safe");\nl.add(param);\nl.add("moresafe");\nl.remove(0);\nrequest.getSession().setAttribute("k", l.get(0));'), TB, [9]],
  // Functions of the same file: parameter → return, parameter → sink.
  ['Java: a private helper that returns its parameter', 'S.java', `class S extends HttpServlet {\n  public void doPost(HttpServletRequest request, HttpServletResponse response) {\n    String bar = doSomething(request, request.getParameter("p"));\n    request.getSession().setAttribute("k", bar);\n  }\n  private static String doSomething(HttpServletRequest request, String param) {\n    String bar = "safe";\n    if (param != null) bar = param.split(" ")[0];\n    return bar;\n  }\n}`, TB, [4]],
  ['Java: a helper that returns a constant', 'S.java', `class S extends HttpServlet {\n  public void doPost(HttpServletRequest request, HttpServletResponse response) {\n    String bar = doSomething(request, request.getParameter("p"));\n    request.getSession().setAttribute("k", bar);\n  }\n  private static String doSomething(HttpServletRequest request, String param) {\n    int num = 106;\n    if ((7 * 42) - num > 200) return param;\n    return "bob";\n  }\n}`, TB, []],
  ['Java: an inner class helper called on a new instance', 'S.java', `class S extends HttpServlet {\n  public void doPost(HttpServletRequest request, HttpServletResponse response) {\n    String bar = new Test().doSomething(request, request.getParameter("p"));\n    request.getSession().setAttribute("k", bar);\n  }\n  private class Test {\n    public String doSomething(HttpServletRequest request, String param) { return "x" + param; }\n  }\n}`, TB, [4]],
  ['Java: a helper whose parameter reaches the sink', 'S.java', `class S extends HttpServlet {\n  public void doPost(HttpServletRequest request, HttpServletResponse response) {\n    store(request, request.getParameter("p"));\n  }\n  private void store(HttpServletRequest request, String v) {\n    request.getSession().setAttribute("k", v);\n  }\n}`, TB, [6]],
  ['Python: a helper of the file returns its argument', 'a.py', "def clean(v):\n    return v.strip()\n\n@app.route('/x')\ndef x():\n    session['k'] = clean(request.args['p'])", TB, [6]],
  ['Python: a helper that ignores its argument', 'a.py', "def clean(v):\n    return 'fixed'\n\n@app.route('/x')\ndef x():\n    session['k'] = clean(request.args['p'])", TB, []],
  // Loops and fully-qualified names.
  ['Java: cookie values read in a for-each loop', 'S.java', servlet('javax.servlet.http.Cookie[] cs = request.getCookies();\nString param = "none";\nfor (javax.servlet.http.Cookie c : cs) {\n  if (c.getName().equals("x")) param = java.net.URLDecoder.decode(c.getValue(), "UTF-8");\n}\nrequest.getSession().setAttribute("k", param);'), TB, [8]],
  ['Java: a fully-qualified sanitiser cleans', 'S.java', servlet('String p = request.getParameter("p");\nresponse.getWriter().println(org.owasp.esapi.ESAPI.encoder().encodeForHTML(p));\nresponse.getWriter().println(org.springframework.web.util.HtmlUtils.htmlEscape(p));\nresponse.getWriter().println(org.apache.commons.lang.StringEscapeUtils.escapeHtml(p));'), 'xss-response', []],
  ['Java: a fully-qualified sink', 'S.java', servlet('String p = request.getParameter("p");\njava.io.FileInputStream in = new java.io.FileInputStream(new java.io.File("/tmp/" + p));'), 'path-traversal', [4]],
];

describe('guard dataflow: joins, constant folding, collections, same-file functions', () => {
  for (const [name, file, code, rule, lines] of rows) {
    it(name, async () => {
      const got = (await scanText(file, code)).filter((f) => f.ruleId === rule).map((f) => f.line);
      assert.deepEqual([...new Set(got)], lines, `${rule} on ${JSON.stringify(got)}\n${code}`);
    });
  }
});

describe('guard constant folding', () => {
  const folded = async (expr: string) => {
    const text = `class A { Object x = ${expr}; }`;
    const parsed = await parse(grammarOf('A.java')!, text);
    const root = plainTree(parsed.tree, text, new Set());
    let node = root;
    while (node.type !== 'variable_declarator') node = node.namedChildren[node.namedChildren.length - 1];
    return fold(node.childForFieldName('value'), () => undefined, true);
  };
  const cases: Array<[string, unknown]> = [
    ['(7 * 42) - 106 > 200', false],
    ['(7 * 42) - 86 > 200', true],
    ['500 / 42', 11],
    ['"ABC".charAt(2)', 'C'],
    ['"ab" + 1 + 2', 'ab12'],
    ['!(3 >= 3) || false', false],
    ['true ? "a" : "b"', 'a'],
    ['"x".equals("x") && 2 != 3', true],
    ['foo() > 2', undefined],
    ['1 / 0', undefined],
  ];
  for (const [expr, want] of cases) it(`${expr} folds to ${String(want)}`, async () => assert.equal(await folded(expr), want));
});

describe('guard dataflow on pathological input', () => {
  it('a deeply nested if chain is scanned without a stack overflow and the flow before it still counts', async () => {
    const depth = 3000;
    const body = `String p = request.getParameter("p");\n${'if (a) {\n'.repeat(depth)}x();\n${'}\n'.repeat(depth)}request.getSession().setAttribute("k", p);`;
    const got = (await scanText('S.java', servlet(body))).filter((f) => f.ruleId === TB);
    assert.ok(Array.isArray(got));
  });
  it('a long switch and a long list stay bounded', async () => {
    const arms = Array.from({ length: 2000 }, (_, i) => `case ${i}: bar = "v${i}"; break;`).join('\n');
    const adds = Array.from({ length: 500 }, (_, i) => `l.add("s${i}");`).join('\n');
    const body = `String param = request.getParameter("p");\nString bar = param;\nswitch (param.length()) {\n${arms}\n}\njava.util.List<String> l = new java.util.ArrayList<String>();\n${adds}\nl.add(param);\nrequest.getSession().setAttribute("k", bar);\nrequest.getSession().setAttribute("l", l.get(3));`;
    const got = (await scanText('S.java', servlet(body))).filter((f) => f.ruleId === TB).map((f) => f.line);
    // The switch has no default, so the request value survives; the list grew past what is followed, so its reads are the union.
    assert.equal(got.length, 2);
  });
});
