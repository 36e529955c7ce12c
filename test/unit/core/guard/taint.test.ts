// The taint engine as an attacker would probe it: values built on other lines, every way of building
// text, every way of importing a sink, wrappers and encodings that do not clean, sanitisers that do,
// constants that never taint, and handler parameters as sources. Each row: file, code, rule, the lines
// that must be flagged (and nothing else of that rule).
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';

type Row = [name: string, file: string, code: string, rule: string, lines: number[]];

const rows: Row[] = [
  // Built on another line than the sink.
  ['concatenation two lines above the query', 'a.js', 'function f(id) {\n  const q = "SELECT * FROM t WHERE id = " + id;\n  return db.query(q);\n}', 'sql-injection', [3]],
  ['+= across lines', 'a.js', "function f(name) {\n  let q = 'SELECT * FROM t WHERE name = ';\n  q += \"'\" + name + \"'\";\n  db.query(q);\n}", 'sql-injection', [4]],
  ['template string', 'a.ts', 'export const f = (id: string) => pool.query(`DELETE FROM t WHERE id = ${id}`);', 'sql-injection', [1]],
  ['util.format', 'a.js', "const util = require('util');\nfunction f(c) {\n  const q = util.format(\"SELECT * FROM p WHERE c = '%s'\", c);\n  conn.query(q);\n}", 'sql-injection', [4]],
  ['Python f-string built first', 'a.py', 'def f(t):\n    sql = f"SELECT * FROM {t}"\n    cur.execute(sql)', 'sql-injection', [3]],
  ['Python % formatting', 'a.py', 'def f(u):\n    cur.execute("SELECT * FROM t WHERE u = \'%s\'" % u)', 'sql-injection', [2]],
  ['Python .format', 'a.py', 'def f(u):\n    q = "SELECT * FROM t WHERE u = {}".format(u)\n    cur.execute(q)', 'sql-injection', [3]],
  ['Java StringBuilder appended on other lines', 'A.java', 'class A { void f(String id) throws Exception {\n  StringBuilder sb = new StringBuilder("SELECT * FROM t WHERE id = ");\n  sb.append(id);\n  stmt.executeQuery(sb.toString());\n} }', 'sql-injection', [4]],
  ['Java String.format', 'A.java', 'class A { void f(String n) throws Exception {\n  stmt.execute(String.format("DELETE FROM t WHERE n = \'%s\'", n));\n} }', 'sql-injection', [2]],
  ['the quote-kind case from the issue', 'a.js', "app.get('/u', (req, res) => db.query(\"SELECT * FROM users WHERE name = '\" + req.query.name + \"'\"));", 'sql-injection', [1]],
  ['parameterised call is safe', 'a.py', 'def f(user):\n    cur.execute("SELECT * FROM t WHERE id = \'%s\'", user)', 'sql-injection', []],
  ['constant-only query text', 'a.py', "cur.execute('SELECT 1'.format())\ncur.execute(f\"SELECT 1\")", 'sql-injection', []],
  ['a query-looking string printed, not run', 'A.java', 'class A { void f(String id) { System.out.println("SELECT * FROM t WHERE id = " + id); } }', 'sql-injection', []],
  ['numeric conversion cleans', 'a.js', "app.get('/', (req, res) => db.query('SELECT * FROM t LIMIT ' + parseInt(req.query.n, 10)));", 'sql-injection', []],
  ['reassigned to a constant before the sink', 'a.js', "app.get('/', (req, res) => {\n  let cmd = req.query.c;\n  cmd = 'uptime';\n  require('child_process').exec(cmd);\n});", 'command-injection', []],
  // Every way of importing the sink.
  ['child_process under another name', 'a.js', "const cp = require('child_process');\nfunction f(x) { cp.exec('ls ' + x); }", 'command-injection', [2]],
  ['destructured and renamed', 'a.js', "const { exec: run } = require('node:child_process');\nfunction f(x) { run(`ls ${x}`); }", 'command-injection', [2]],
  ['namespace import', 'a.ts', "import * as proc from 'child_process';\nexport function f(x: string) { proc.execSync('ls ' + x); }", 'command-injection', [2]],
  ['default import', 'a.mjs', "import child from 'child_process';\nexport function f(x) { child.exec('ls ' + x); }", 'command-injection', [2]],
  ['promisified exec', 'a.js', "const util = require('util');\nconst { exec } = require('child_process');\nconst execP = util.promisify(exec);\nasync function f(x) { await execP('ls ' + x); }", 'command-injection', [4]],
  ['eval under another name', 'a.js', "app.get('/', (req, res) => {\n  const indirect = eval;\n  res.json(indirect(req.query.e));\n});", 'dynamic-eval', [3]],
  ['globalThis.eval', 'a.js', 'function f(code) { return globalThis.eval(code); }', 'dynamic-eval', [1]],
  ['Python import-as', 'a.py', 'import subprocess as sp\ndef f(x):\n    sp.run("ls " + x, shell=True)', 'command-injection-shell-option', [3]],
  ['Python from-import-as', 'a.py', 'from os import system as run_it\ndef f(x):\n    run_it("ls " + x)', 'command-injection', [3]],
  ['shell=True with other spacing, split over lines', 'a.py', 'import subprocess\ndef f(x):\n    subprocess.run(\n        "ls " + x,\n        shell = True,\n    )', 'command-injection-shell-option', [3]],
  ['a list through env and sh -c', 'a.py', 'import subprocess\ndef f(name):\n    subprocess.run(["env", "sh", "-c", "echo " + name])', 'command-injection-shell-option', [3]],
  ['a list without a shell is safe', 'a.py', 'import subprocess\ndef f(name):\n    subprocess.run(["echo", name])', 'command-injection-shell-option', []],
  ['Java argument array is not a shell string', 'A.java', 'class A { void f(HttpServletRequest r) throws Exception {\n  String[] cmd = {"grep", "-r", "--", r.getParameter("p"), "/srv"};\n  Runtime.getRuntime().exec(cmd);\n} }', 'command-injection', []],
  ['Java argument array through bash -c', 'A.java', 'class A { void f(HttpServletRequest r) throws Exception {\n  String[] cmd = {"/bin/bash", "-c", "grep " + r.getParameter("p")};\n  Runtime.getRuntime().exec(cmd);\n} }', 'command-injection-shell-option', [3]],
  // Wrappers and encodings keep the taint; sanitisers remove it.
  ['base64-decoded request value', 'a.js', "const cp = require('child_process');\napp.get('/', (req, res) => {\n  const c = Buffer.from(req.query.c, 'base64').toString();\n  cp.execSync(c);\n});", 'command-injection', [4]],
  ['String() and trim() wrappers', 'a.js', "app.get('/', (req, res) => {\n  const p = String(req.body.p).trim();\n  res.sendFile(p);\n});", 'path-traversal', [3]],
  ['Python str() and strip()', 'a.py', 'from flask import request\n@app.route("/")\ndef f():\n    p = str(request.args["p"]).strip()\n    return open(p).read()', 'path-traversal', [5]],
  ['shlex.quote cleans a command', 'a.py', 'import os, shlex\ndef f(x):\n    os.system("ls " + shlex.quote(x))', 'command-injection', []],
  ['basename cleans a path', 'a.js', "const path = require('path');\napp.get('/', (req, res) => res.sendFile(path.join(__dirname, 'f', path.basename(req.query.n))));", 'path-traversal', []],
  ['a containment check in the function', 'a.py', 'import os\nfrom flask import request\n@app.route("/")\ndef f():\n    p = os.path.realpath(os.path.join(BASE, request.args["n"]))\n    if not p.startswith(BASE + os.sep):\n        abort(400)\n    return open(p).read()', 'path-traversal', []],
  ['CR/LF stripped before logging', 'a.js', "app.post('/', (req, res) => logger.info('user ' + req.body.u.replace(/[\\r\\n]/g, '')));", 'log-injection', []],
  ['logged as is', 'a.js', "app.post('/', (req, res) => logger.info('user ' + req.body.u));", 'log-injection', [1]],
  // Sources: handler-shaped parameters and request-like objects.
  ['Lambda event', 'a.js', "const cp = require('child_process');\nexports.handler = async (event, context) => {\n  cp.exec(event.queryStringParameters.cmd);\n};", 'command-injection', [3]],
  ['Flask route parameter', 'a.py', 'import os\n@app.route("/f/<name>")\ndef f(name):\n    return open(os.path.join("/srv", name)).read()', 'path-traversal', [4]],
  ['Spring @RequestParam', 'A.java', 'class C { @GetMapping("/f") String f(@RequestParam String name) throws Exception {\n  return Files.readString(Path.of("/srv", name));\n} }', 'path-traversal', [2]],
  ['sys.argv', 'a.py', 'import os, sys\narg = sys.argv[1]\nos.system(arg)', 'command-injection', [3]],
  ['input()', 'a.py', 'import os\nos.system(input())', 'command-injection', [2]],
  ['a plain parameter is not untrusted input for a path', 'a.py', 'def f(p):\n    return open(p).read()', 'path-traversal', []],
  ['a string constant in eval never flags', 'a.py', 'eval(f"x = 1")\nexec("print(1)")', 'dynamic-eval', []],
  ['keyword arguments of .format', 'a.py', 'def f(owner):\n    sql = "SELECT * FROM r WHERE owner = \'{o}\'".format(o=owner)\n    db.execute(sql)', 'sql-injection', [3]],
  ['a generator of quoted values', 'a.py', 'import os, shlex\ndef f(path):\n    line = " ".join(shlex.quote(p) for p in ["ffprobe", path])\n    return os.popen(line).read()', 'command-injection', []],
  ['a generator of raw values', 'a.py', 'import os\ndef f(path):\n    line = " ".join(p for p in ["ffprobe", path])\n    return os.popen(line).read()', 'command-injection', [4]],
  ['a value picked by an allow-list test', 'a.ts', "const LOCALES = new Set(['en', 'de']);\nexport function m(req: any) {\n  const l = String(req.query.l);\n  const chosen = LOCALES.has(l) ? l : 'en';\n  return readFileSync(`/srv/i18n/${chosen}.json`);\n}", 'path-traversal', []],
  ['the same value without the test', 'a.ts', "export function m(req: any) {\n  const l = String(req.query.l);\n  return readFileSync(`/srv/i18n/${l}.json`);\n}", 'path-traversal', [3]],
  ['a query config object with its values apart', 'a.js', "app.get('/b', async (req, res) => pg.query({ text: 'SELECT * FROM b WHERE isbn = $1', values: [req.params.isbn] }));", 'sql-injection', []],
  ['a query config object with the value in its text', 'a.js', "app.get('/b', async (req, res) => pg.query({ text: 'SELECT * FROM b WHERE isbn = ' + req.params.isbn }));", 'sql-injection', [1]],
  ['GraphQL resolver arguments', 'a.js', "const resolvers = { Query: { cover: (parent, args) => fs.readFileSync(path.join('/srv/covers', args.file)) } };", 'path-traversal', [1]],
  ['NestJS @Query() parameter', 'a.ts', "class C {\n  list(@Query('sort') col: string) {\n    return db('products').orderByRaw(col);\n  }\n}", 'sql-injection-orm', [3]],
  // Handler classes and route registrations (round 3): the framework fills these parameters and attributes from the request.
  ['Tornado RequestHandler method parameters', 'a.py', 'class H(tornado.web.RequestHandler):\n    def put(self, bucket):\n        os.makedirs(os.path.join(ROOT, bucket))', 'path-traversal', [3]],
  ['a handler base class defined in the same file', 'a.py', 'class Base(web.RequestHandler):\n    pass\n\nclass Mid(Base):\n    pass\n\nclass H(Mid, Other):\n    def delete(self, name):\n        os.unlink(name)', 'path-traversal', [9]],
  ['a helper method of a handler takes no request input', 'a.py', 'class H(web.RequestHandler):\n    def _path(self, name):\n        return open(name)', 'path-traversal', []],
  ['BaseHTTPRequestHandler self.path into a query', 'a.py', 'class R(BaseHTTPRequestHandler):\n    def do_GET(self):\n        path, query = self.path.split("?", 1)\n        params = parse_qs(query)\n        cur.execute(params["q"][0])', 'sql-injection', [5]],
  ['self.rfile and self.headers, also in a nested function', 'a.py', 'class R(http.server.SimpleHTTPRequestHandler):\n    def do_POST(self):\n        body = self.rfile.read(int(self.headers["Content-Length"]))\n        def run():\n            os.system(body)\n        run()', 'command-injection', [5]],
  ['self.path of a class that handles no request', 'a.py', 'class Store:\n    def load(self):\n        cur.execute(self.path)', 'sql-injection', []],
  ['Bottle route decorator without an app object', 'a.py', '@get("/d/<filename:path>")\ndef d(filename):\n    return open(filename).read()', 'path-traversal', [3]],
  ['Express handler whose request is not named req', 'a.js', "router.post('/x', function (r, s) { cp.exec(r.body.cmd); });", 'command-injection', [1]],
  ['Express app.route(…).post chain', 'a.js', "app.route('/x').post(function (r, s) { cp.exec(r.body.cmd); });", 'command-injection', [1]],
  ['a callback of a call that registers no route', 'a.js', "cache.get('/x', function (v) { cp.exec(v); });", 'command-injection', []],
  ['Koa ctx stays read by its fields', 'a.js', "router.get('/x', async (ctx) => { cp.exec(ctx.state.cmd); });", 'command-injection', []],
  ['Spring unannotated String parameter of a mapping', 'A.java', 'class C { @PostMapping("/f") String f(String name, Model model) throws Exception {\n  return Files.readString(Path.of("/srv", name));\n} }', 'path-traversal', [2]],
  ['a String parameter of a method that maps no request', 'A.java', 'class C { String f(String name) throws Exception {\n  return Files.readString(Path.of("/srv", name));\n} }', 'path-traversal', []],
  ['hidden Unicode does not hide the SQL keyword', 'a.js', 'function f(id) { return db.query("SELECT\u200b * FROM t WHERE id = " + id); }', 'sql-injection', [1]],
];

describe('guard taint engine', () => {
  for (const [name, file, code, rule, lines] of rows) {
    it(`${rule}: ${name} (${file}) ${lines.length ? `flags line ${lines.join(', ')}` : 'stays quiet'}`, async () => {
      const got = (await scanText(file, code)).filter((f) => f.ruleId === rule).map((f) => f.line);
      assert.deepEqual(got, lines);
    });
  }

  it('reports the sink line and says where the value was built', async () => {
    const [f] = (await scanText('a.js', 'function f(id) {\n  const q = "SELECT * FROM t WHERE id = " + id;\n  return db.query(q);\n}')).filter((x) => x.ruleId === 'sql-injection');
    assert.equal(f.line, 3);
    assert.deepEqual(f.related?.map((r) => r.line), [2]);
    assert.match(f.message, /built on line 2/);
    assert.equal(f.snippet, 'return db.query(q);');
  });

  it('names the untrusted input in the message', async () => {
    const [f] = await scanText('a.py', 'import os\nfrom flask import request\ndef f():\n    os.system("ping " + request.args["host"])');
    assert.equal(f.ruleId, 'command-injection');
    assert.match(f.message, /Untrusted input \(request\.args/);
  });
});
