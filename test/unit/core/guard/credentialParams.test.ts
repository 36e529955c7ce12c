// Passwords handed as literals to a function of the same file whose parameter is named as one
// (round 3: H2's `run(driver, url, "sa", "sa")`): by position, by keyword, through a constructor, and
// the calls that must stay quiet (an empty or read password, a function of another file, a test).
import { strict as assert } from 'node:assert';
import { scanText } from '../../../../src/core/guard/scan';
import { passwordPlaceholders } from '../../../../src/core/guard/engine/boundCredentials';

type Row = [name: string, file: string, code: string, lines: number[]];

const rows: Row[] = [
  ['Java method, password by position', 'A.java', 'class A {\n  void run(String url, String user, String password) { }\n  void m() { run("jdbc:h2:mem:", "sa", "sa"); }\n}', [3]],
  ['Java constructor', 'A.java', 'class Db {\n  Db(String user, String pwd) { }\n  static Db make() { return new Db("app", "app"); }\n}', [3]],
  ['Python keyword argument', 'a.py', 'def connect(host, user, passwd=None):\n    pass\n\nconnect("db", "root", passwd="r00t")', [4]],
  ['Python __init__ through the class', 'a.py', 'class Client:\n    def __init__(self, user, secret):\n        self.secret = secret\n\nc = Client("bot", "s3cr3t")', [5]],
  ['JavaScript function', 'a.js', "function login(page, user, password) { return page.fill(password); }\nlogin(page, 'admin', 'admin');", [2]],
  ['an empty password', 'A.java', 'class A {\n  void run(String user, String password) { }\n  void m() { run("sa", ""); }\n}', []],
  ['a password read from the environment', 'a.py', 'import os\ndef connect(user, password):\n    pass\nconnect("root", os.environ["PW"])', []],
  ['a function of another file under the same name', 'a.py', 'from db import connect\nconnect("root", "r00t")', []],
  ['a parameter not named as a password', 'a.py', 'def greet(user, word):\n    pass\ngreet("root", "hello")', []],
  // Bound to a placeholder whose clause names a password column.
  ['Java setString on a password column', 'A.java', 'class A { void m(Connection c) throws Exception {\n  PreparedStatement p = c.prepareStatement("UPDATE u SET password = ? WHERE id = ?");\n  p.setString(1, "pw1234");\n  p.setString(2, "7");\n} }', [3]],
  ['Python values tuple', 'a.py', 'cur.execute("INSERT INTO t (a) SELECT %s WHERE 1 = 1 AND pwd = %s", ("x", "s3cret"))', [1]],
  ['a statement prepared from a variable is not read', 'A.java', 'class A { void m(Connection c, String sql) throws Exception {\n  PreparedStatement p = c.prepareStatement(sql);\n  p.setString(1, "pw1234");\n} }', []],
  ['a call in a test', 'a.py', 'def connect(user, password):\n    pass\ndef test_connect():\n    connect("root", "r00t")', []],
];

describe('guard: literals passed to a password-named parameter', () => {
  it('reads which placeholder fills a password column, by clause and through nested calls', () => {
    const m = passwordPlaceholders("update account set hash=hash('SHA256', stringtoutf8(salt||?), 10) where name=?");
    assert.deepEqual([...m], [[1, true], [2, false]]);
    assert.deepEqual([...passwordPlaceholders('SELECT * FROM u WHERE name = $2 AND password = $1')], [[2, false], [1, true]]);
    assert.deepEqual([...passwordPlaceholders("SELECT '?' FROM u WHERE a = ? AND u.passwd = ?")], [[1, false], [2, true]]);
    assert.deepEqual([...passwordPlaceholders('SELECT * FROM u WHERE password_changed < ?')], [[1, false]]);
  });

  for (const [name, file, code, lines] of rows) {
    it(`${name} (${file}) ${lines.length ? `flags line ${lines.join(', ')}` : 'stays quiet'}`, async () => {
      const got = (await scanText(file, code)).filter((f) => f.ruleId === 'hardcoded-credential-argument').map((f) => f.line);
      assert.deepEqual(got, lines);
    });
  }
});
