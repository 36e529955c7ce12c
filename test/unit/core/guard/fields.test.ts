// Taint through the fields of a class across its methods, probed as an attacker would: stored in one
// method and sunk in another (written before or after it, called or not), through `this.f`, `self.f`,
// a Java field by its bare name, a TS `#private` field, an arrow function inside a method — and the
// look-alikes that are safe: a field only ever given constants, a local variable that shadows the field,
// the same name in another class, a plain `function` whose `this` is not the object's. Each row: file,
// code, rule, the lines that must be flagged (and nothing else of that rule).
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';

type Row = [name: string, file: string, code: string, rule: string, lines: number[]];

const CMD = 'command-injection';
const SQL = 'sql-injection';

const rows: Row[] = [
  ['Java: a field stored by doPost, executed by a method written before it', 'F.java', 'class F extends HttpServlet {\n  private String cmd;\n  private void run() throws Exception {\n    Runtime.getRuntime().exec(cmd);\n  }\n  public void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {\n    cmd = request.getParameter("c");\n    run();\n  }\n}', CMD, [4]],
  ['Java: stored with this., read by its bare name', 'F.java', 'class F {\n  private String q = "SELECT 1";\n  void set(HttpServletRequest request) { this.q = "SELECT * FROM t WHERE id = " + request.getParameter("id"); }\n  void go(Statement st) throws Exception { st.executeQuery(q); }\n}', SQL, [4]],
  ['Java: a field only given constants in every method', 'F.java', 'class F {\n  private String cmd = "ls";\n  void a() { cmd = "date"; }\n  void b() throws Exception { Runtime.getRuntime().exec(cmd); }\n}', CMD, []],
  ['Java: a local variable shadows the field', 'F.java', 'class F {\n  private String cmd;\n  void a(HttpServletRequest request) { cmd = request.getParameter("c"); }\n  void b() throws Exception {\n    String cmd = "ls";\n    Runtime.getRuntime().exec(cmd);\n  }\n}', CMD, []],
  ['Java: a parameter shadows the field', 'F.java', 'class F {\n  private String cmd;\n  void a(HttpServletRequest request) { cmd = request.getParameter("c"); }\n  void b(String cmd) throws Exception { Runtime.getRuntime().exec(new String[] {"ls", cmd}); }\n}', CMD, []],
  ['Java: the same field name in another class', 'F.java', 'class A {\n  private String cmd;\n  void a(HttpServletRequest request) { cmd = request.getParameter("c"); }\n}\nclass B {\n  private String cmd = "ls";\n  void b() throws Exception { Runtime.getRuntime().exec(cmd); }\n}', CMD, []],
  ['Java: a lambda in a method reads the field', 'F.java', 'class F {\n  private String cmd;\n  void a(HttpServletRequest request) { this.cmd = request.getHeader("X-Cmd"); }\n  void b(Executor ex) { ex.execute(() -> { try { Runtime.getRuntime().exec(this.cmd); } catch (Exception e) {} }); }\n}', CMD, [4]],
  ['Python: stored in __init__ from the request, run by another method', 'a.py', "import os\nclass Job:\n    def __init__(self, request):\n        self.cmd = request.args['cmd']\n        self.safe = 'ls'\n    def run(self):\n        os.system(self.cmd)\n        os.system(self.safe)", CMD, [7]],
  ['Python: a setter stores built SQL, a later method runs it', 'a.py', "class Repo:\n    def where(self, name):\n        self.sql = 'SELECT * FROM users WHERE name = ' + name\n    def fetch(self, cur):\n        cur.execute(self.sql)", SQL, [5]],
  ['Python: the same attribute in another class', 'a.py', "import os\nclass A:\n    def __init__(self, request):\n        self.cmd = request.args['cmd']\nclass B:\n    def __init__(self):\n        self.cmd = 'ls'\n    def run(self):\n        os.system(self.cmd)", CMD, []],
  ['TS: stored by the constructor, an arrow function in a method runs it', 'a.ts', "import { exec } from 'child_process';\nclass Job {\n  private cmd: string;\n  constructor(req: Request) { this.cmd = req.query.cmd as string; }\n  run() {\n    setTimeout(() => exec(this.cmd), 10);\n  }\n}", CMD, [6]],
  ['TS: a #private field', 'a.ts', "import { execSync } from 'node:child_process';\nclass Job {\n  #cmd = 'ls';\n  set(req) { this.#cmd = `ls ${req.body.dir}`; }\n  run() { return execSync(this.#cmd); }\n}", CMD, [5]],
  ['TS: a plain function has its own this', 'a.ts', "import { exec } from 'child_process';\nclass Job {\n  constructor(req) { this.cmd = req.query.cmd; }\n  run() {\n    const f = function () { exec(this.cmd); };\n    f.call({ cmd: 'ls' });\n  }\n}", CMD, []],
  ['TS: a field only given constants', 'a.ts', "import { exec } from 'child_process';\nclass Job {\n  private cmd = 'ls';\n  reset() { this.cmd = 'date'; }\n  run() { exec(this.cmd); }\n}", CMD, []],
];

describe('guard dataflow: fields of a class across its methods', () => {
  for (const [name, file, code, rule, lines] of rows) {
    it(name, async () => {
      const got = (await scanText(file, code)).filter((f) => f.ruleId === rule).map((f) => f.line);
      assert.deepEqual([...new Set(got)], lines, `${rule} on ${JSON.stringify(got)}\n${code}`);
    });
  }
});
