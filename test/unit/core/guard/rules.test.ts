// The guard's one-line table: true positives and near-miss negatives per language, through the
// parser engine (scanText on .ts/.py/.java) and the regex pass (other files).
import { strict as assert } from 'node:assert';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { scanChange, scanText } from '../../../../src/core/guard/scan';

type Row = [rule: string, file: string, line: string, fires: boolean];

const table: Row[] = [
  // CWE-89
  ['sql-injection', 'a.ts', 'db.query("SELECT * FROM users WHERE id = " + req.params.id);', true],
  ['sql-injection', 'a.ts', 'db.query(`SELECT * FROM users WHERE name = \'${name}\'`);', true],
  ['sql-injection', 'a.ts', 'db.query("SELECT * FROM users WHERE id = $1", [id]);', false],
  ['sql-injection', 'a.ts', 'const q = "SELECT id " + "FROM users";', false],
  ['sql-injection', 'a.py', 'cursor.execute(f"SELECT * FROM users WHERE name = \'{name}\'")', true],
  ['sql-injection', 'a.py', 'cursor.execute("SELECT * FROM users WHERE id = %s" % user_id)', true],
  ['sql-injection', 'a.py', 'cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))', false],
  ['sql-injection', 'A.java', 'stmt.executeQuery("SELECT * FROM users WHERE id = " + id);', true],
  ['sql-injection', 'A.java', 'PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE id = ?");', false],
  // CWE-117
  ['log-injection', 'a.ts', 'logger.info("login by " + req.body.username);', true],
  ['log-injection', 'a.ts', 'logger.info("login by " + req.body.username.replace(/[\\r\\n]/g, "_"));', false],
  ['log-injection', 'a.ts', 'logger.info("server started on port " + port);', false],
  ['log-injection', 'a.py', 'logging.info("search: %s", request.args.get("q"))', true],
  ['log-injection', 'A.java', 'log.info("user " + request.getParameter("user"));', true],
  // CWE-798
  ['hardcoded-secret', 'a.ts', 'const apiKey = "sk-proj-abcdefghijklmnopqrstuvwx1234";', true],
  ['hardcoded-secret', 'a.ts', 'const apiKey = process.env.OPENAI_API_KEY;', false],
  ['hardcoded-secret', 'a.py', 'AWS_KEY = "AKIAIOSFODNN7EXAMPLE"', false],
  ['vendor-token', 'a.py', 'AWS_KEY = "AKIAIOSFODNN7EXAMPLE"', false],
  ['vendor-token', 'a.py', 'AWS_KEY = "AKIAJ3Q7ZKXW2M5TRB4D"', true],
  ['hardcoded-secret', 'a.py', 'password = "correct-horse-battery"', true],
  ['hardcoded-secret', 'a.py', 'password = os.environ["DB_PASSWORD"]', false],
  ['hardcoded-secret', 'A.java', 'String token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";', true],
  ['hardcoded-secret', 'A.java', 'String password = "<your-password>";', false],
  ['hardcoded-secret', 'notes.md', '-----BEGIN RSA PRIVATE KEY-----', true],
  // CWE-95
  ['dynamic-eval', 'a.ts', 'const result = eval(userInput);', true],
  ['dynamic-eval', 'a.ts', 'const fn = new Function("a", body);', true],
  ['dynamic-eval', 'a.ts', 'const two = eval("1 + 1");', false],
  ['dynamic-eval', 'a.py', 'result = eval(expression)', true],
  ['dynamic-eval', 'a.py', 'exec(code)', true],
  ['dynamic-eval', 'a.py', 'value = ast.literal_eval(text)', false],
  ['dynamic-eval', 'A.java', 'engine.eval(script);', true],
  // CWE-78
  ['command-injection', 'a.ts', 'exec(`git log ${branch}`);', true],
  ['command-injection', 'a.ts', 'execSync("convert " + file + " out.png");', true],
  ['command-injection', 'a.ts', 'execFile("git", ["log", branch]);', false],
  ['command-injection', 'a.ts', 'exec("git status");', false],
  ['command-injection', 'a.py', 'os.system(f"rm -rf {path}")', true],
  ['command-injection', 'a.py', 'subprocess.run(["rm", "-rf", path])', false],
  ['command-injection', 'A.java', 'Runtime.getRuntime().exec("ping " + host);', true],
  // CWE-295
  ['tls-verification-disabled', 'a.ts', 'const agent = new https.Agent({ rejectUnauthorized: false });', true],
  ['node-tls-env-disabled', 'a.ts', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", true],
  ['tls-verification-disabled', 'a.ts', 'const agent = new https.Agent({ rejectUnauthorized: true });', false],
  ['tls-verification-disabled', 'a.py', 'requests.get(url, verify=False)', true],
  ['tls-verification-disabled', 'a.py', 'requests.get(url, verify="ca.pem")', false],
  ['java-hostname-verifier-accepts-all', 'A.java', 'builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);', true],
  // CWE-338
  ['insecure-randomness', 'a.ts', 'const resetToken = Math.random().toString(36).slice(2);', true],
  ['insecure-randomness', 'a.ts', 'const jitter = Math.random() * 100;', false],
  ['insecure-randomness', 'a.ts', 'const resetToken = crypto.randomBytes(32).toString("hex");', false],
  ['insecure-randomness', 'a.py', 'session_id = random.randint(0, 10**9)', true],
  ['insecure-randomness', 'a.py', 'session_id = secrets.token_hex(16)', false],
  ['insecure-randomness', 'A.java', 'String otp = String.valueOf(new Random().nextInt(999999));', true],
  // CWE-22
  ['path-traversal', 'a.ts', 'res.sendFile(path.join(__dirname, "files", req.params.name));', true],
  ['path-traversal', 'a.ts', 'const p = path.join(base, req.query.file); if (!p.startsWith(base)) throw new Error();', false],
  ['path-traversal', 'a.ts', 'res.sendFile(path.join(__dirname, "index.html"));', false],
  ['path-traversal', 'a.py', 'return open(os.path.join(UPLOADS, request.args["name"])).read()', true],
  ['path-traversal', 'A.java', 'File f = new File(base, request.getParameter("file"));', true],
  // Near misses in every language.
  ['log-injection', 'a.py', 'logging.info("search: %s", sanitize(request.args.get("q")))', false],
  ['log-injection', 'A.java', 'log.info("user logged in");', false],
  ['hardcoded-secret', 'a.ts', 'const password = "";', false],
  ['dynamic-eval', 'A.java', 'engine.eval("1 + 1");', false],
  ['command-injection', 'A.java', 'new ProcessBuilder("ping", host).start();', false],
  ['command-injection', 'a.py', 'os.system("make clean")', false],
  ['tls-verification-disabled', 'A.java', 'SSLContext ctx = SSLContext.getInstance("TLSv1.3");', false],
  ['insecure-randomness', 'A.java', 'String otp = String.valueOf(new SecureRandom().nextInt(999999));', false],
  ['insecure-randomness', 'a.py', 'delay = random.random() * 2', false],
  ['path-traversal', 'a.py', 'return send_from_directory(UPLOADS, safe_join(UPLOADS, request.args["name"]))', false],
  ['path-traversal', 'A.java', 'File f = new File(base, "config.yml");', false],
  ['sql-injection', 'A.java', 'ResultSet rs = stmt.executeQuery("SELECT COUNT(*) FROM users");', false],
];

describe('guard rules', () => {
  for (const [rule, file, line, fires] of table) {
    it(`${rule} ${fires ? 'fires on' : 'stays quiet on'} ${file}: ${line}`, async () => {
      const hits = (await scanText(file, line)).map((f) => f.ruleId);
      if (fires) assert.ok(hits.includes(rule), `expected ${rule}, got [${hits.join(', ')}]`);
      else assert.ok(!hits.includes(rule), `did not expect ${rule}`);
    });
  }

  it('never fires on constant strings or parameterised queries across the board', async () => {
    const safe = ['const greeting = "hello " + "world";', 'db.query("SELECT 1");', 'console.log("ready");', 'const n = Math.random();'];
    for (const s of safe) assert.deepEqual(await scanText('a.ts', s), [], s);
  });

  it('scans only the lines a change adds, with their new line numbers', async () => {
    const oldText = 'const a = 1;\nconst apiKey = "sk-proj-abcdefghijklmnopqrstuvwx1234";\n';
    const newText = 'const a = 1;\nconst apiKey = "sk-proj-abcdefghijklmnopqrstuvwx1234";\ndb.query("SELECT * FROM t WHERE id = " + id);\n';
    const findings = await scanChange(makeChange({ path: 'src/a.ts', kind: 'update', oldText, newText }));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.cwe]), [['sql-injection', 3, 'CWE-89']]);
  });

  it('lets rules be switched off by id', async () => {
    assert.deepEqual(await scanText('a.ts', 'eval(x);', ['dynamic-eval']), []);
  });
});
