// `tandem exec` as a CI relies on it, run as a real child process against the scripted model server:
// exit code 4 for refused or unapplied proposals, retries within --retry-timeout, piped stdin,
// --output-last-message and --output-schema. (Approvals on a real TTY: execTty.test.ts.)
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { closedPortUrl } from '../../fixtures/processes';
import { chatStream, chatToolCallStream, httpError } from '../../fixtures/replies';
import { responsesText } from '../../fixtures/responsesReplies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { runProcess, tandemArgv, type CliRun } from './cliKit';

const CHAT = '/v1/chat/completions';
const REPO = path.resolve(__dirname, '../../..');

/** stdin: text written then closed; 'open' = a pipe that stays open and silent; undefined = closed at once. */
async function runCli(args: string[], o: { stdin?: string | Buffer | 'open'; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return runProcess([...(await tandemArgv()), ...args], { cwd: REPO, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...o.env }, stdin: o.stdin });
}

describe('tandem exec in CI (child process)', function () {
  this.timeout(30_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n' }, (s, r) => ((server = s), (root = r)));
  const base = () => ['exec', '--base-url', server.url, '--model', 'test-model', '--cwd', root];
  const exec = (args: string[], o: Parameters<typeof runCli>[1] = {}) => runCli([...base(), ...args], o);
  const userMessage = (n = 0) => server.requestsTo(CHAT)[n].body.messages.filter((m: { role: string }) => m.role === 'user').at(-1).content as string;

  describe('exit code 4: the task ended but proposals were refused or not applied', () => {
    it('a forbidden command in full-auto is refused and the exit code says so', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'c', name: 'run_command', arguments: { command: 'sudo touch pwned.txt' } }]), chatStream('I could not run it.'));
      const r = await exec(['--approval', 'full-auto', 'do it']);
      assert.equal(r.code, 4, r.stderr);
      await assert.rejects(fs.access(path.join(root, 'pwned.txt')));
      assert.match(r.stderr, /1 proposed change\(s\) or command\(s\) were refused or not applied/);
    });

    it('a command in auto-edit with no TTY is not run: exit 4', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'c', name: 'run_command', arguments: { command: 'touch made.txt' } }]), chatStream('Not allowed.'));
      const r = await exec(['--approval', 'auto-edit', 'do it']);
      assert.equal(r.code, 4, r.stderr);
      await assert.rejects(fs.access(path.join(root, 'made.txt')));
    });

    it('everything applied in full-auto is exit 0, and --json keeps the exit code', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'n.txt', content: 'x\n' } }]), chatStream('Done.'));
      assert.equal((await exec(['--approval', 'full-auto', 'go'])).code, 0);
      server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'm.txt', content: 'x\n' } }]), chatStream('Done.'));
      const r = await exec(['--json', '--approval', 'suggest', 'go']);
      assert.equal(r.code, 4, r.stderr);
    });
  });

  describe('retries within --retry-timeout', () => {
    it('503 then 429 then success: retries, answers, exit 0', async () => {
      server.enqueue(CHAT, httpError(503, 'upstream busy'), httpError(429, 'slow down', { 'retry-after': '0' }), chatStream('finally'));
      const r = await exec(['--retry-timeout', '30', 'hi']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'finally\n');
      assert.equal(server.requestsTo(CHAT).length, 3);
      assert.equal(r.stderr.match(/Retrying in/g)?.length, 2);
    });

    it('a server that stays down: gives up within the budget, exit 1, with a CLI hint and no promise to retry', async () => {
      const url = await closedPortUrl();
      const r = await runCli(['exec', '--base-url', url, '--model', 'm', '--cwd', root, '--retry-timeout', '1', 'hi']);
      assert.equal(r.code, 1, r.stderr);
      const last = r.stderr.trimEnd().split('\n').at(-1)!;
      assert.match(last, /^error: Cannot reach the model server at http:\/\/127\.0\.0\.1:\d+\/v1 \(ECONNREFUSED\)\. Gave up after \d+ attempts/);
      assert.match(last, /--base-url \(or \$OPENAI_BASE_URL\)/);
      assert.doesNotMatch(last, /will (back off and )?retry|tandem\.baseUrl/);
      assert.ok((r.stderr.match(/Retrying in/g)?.length ?? 0) >= 1, 'it did retry before giving up');
      // The retry lines speak the CLI's terms too, never the editor's settings.
      assert.doesNotMatch(r.stderr, /tandem\.baseUrl|Set API Key/);
      assert.match(r.stderr.split('\n').find((l) => l.includes('Retrying in'))!, /Cannot reach the model server .*Check that it is running/);
    });

    it('a Retry-After longer than the budget is cut to the budget; the server\'s own text is shown', async () => {
      server.onRequest(CHAT, () => httpError(429, 'quota exceeded for org-123', { 'retry-after': '3600' }));
      const r = await exec(['--retry-timeout', '1', 'hi']);
      assert.equal(r.code, 1, r.stderr);
      const waited = Number(/Retrying in (\d+\.\d) s/.exec(r.stderr)?.[1]);
      assert.ok(waited > 0 && waited <= 1, `waited ${waited} s, not what is left of the 1 s budget`);
      assert.match(r.stderr, /rate-limiting requests \(HTTP 429\)\. The server said: "[^"]*quota exceeded for org-123"\. Gave up after 2 attempts/);
      assert.equal(server.requestsTo(CHAT).length, 2);
    });

    it('--retry-timeout 0 makes one attempt', async () => {
      server.onRequest(CHAT, () => httpError(503, 'down'));
      const r = await exec(['--retry-timeout', '0', 'hi']);
      assert.equal(r.code, 1);
      assert.equal(server.requestsTo(CHAT).length, 1);
      assert.match(r.stderr, /failed \(HTTP 503\)\. The server said: "[^"]*down"\. Try again later or raise --retry-timeout/);
    });
  });

  describe('piped stdin', () => {
    it('is added to the task, fenced and marked as piped, with keys redacted', async () => {
      server.enqueue(CHAT, chatStream('Looks fine.'));
      const diff = 'diff --git a/x b/x\n+const key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";\n+```\n';
      const r = await exec(['review this'], { stdin: diff });
      assert.equal(r.code, 0, r.stderr);
      const task = userMessage();
      assert.match(task, /^review this\n\nThe user piped this input:\n````\ndiff --git a\/x b\/x\n/);
      assert.match(task, /\[REDACTED API KEY\]/);
      assert.doesNotMatch(task, /abcdefghijklmnop/);
      assert.ok(task.trimEnd().endsWith('````'), 'a fence longer than any inside the input closes it');
    });

    it('"-" reads the whole task from stdin', async () => {
      server.enqueue(CHAT, chatStream('ok'));
      const r = await exec(['-'], { stdin: 'rename foo to bar\n' });
      assert.equal(r.code, 0, r.stderr);
      assert.match(userMessage(), /piped this input:\n```\nrename foo to bar\n```/);
    });

    it('no task and empty stdin is exit 2 with a sentence', async () => {
      const r = await exec([], { stdin: '' });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /No task given: stdin was empty/);
      assert.equal(server.requestsTo(CHAT).length, 0);
    });

    it('an open but silent stdin does not hang the run', async () => {
      server.enqueue(CHAT, chatStream('ok'));
      const r = await exec(['hi'], { stdin: 'open', env: { TANDEM_STDIN_WAIT_MS: '200' } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(userMessage(), 'hi');
    });

    it('is cut at 256 KB with a note to the user and to the model', async () => {
      server.enqueue(CHAT, chatStream('ok'));
      const r = await exec(['summarise'], { stdin: Buffer.alloc(300 * 1024, 'a') });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /stdin is longer than 256 KB/);
      const task = userMessage();
      assert.match(task, /only its first 256 KB are shown/);
      assert.equal(task.match(/a+/g)!.reduce((n, run) => Math.max(n, run.length), 0), 256 * 1024);
    });

    it('"y" piped on stdin never approves anything: no TTY means non-interactive (exit 4)', async () => {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'new.txt', content: 'x\n' } }]), chatStream('Not written.'));
      const r = await exec(['--approval', 'suggest', 'create new.txt'], { stdin: 'y\ny\nyes\n' });
      assert.equal(r.code, 4, r.stderr);
      await assert.rejects(fs.access(path.join(root, 'new.txt')));
      assert.match(r.stderr, /no terminal was attached/);
    });
  });

  describe('--output-last-message and --output-schema', () => {
    it('writes the final answer to the file', async () => {
      server.enqueue(CHAT, chatStream('All done.'));
      const file = path.join(root, 'last.txt');
      const r = await exec(['--output-last-message', file, 'go']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(await fs.readFile(file, 'utf8'), 'All done.', 'the answer, verbatim');
    });

    it('creates the file empty when there is no final answer, and says so', async () => {
      server.enqueue(CHAT, httpError(400, 'bad model'));
      const file = path.join(root, 'last.txt');
      const r = await exec(['--output-last-message', file, 'go']);
      assert.equal(r.code, 1);
      assert.equal(await fs.readFile(file, 'utf8'), '');
      assert.match(r.stderr, /no final answer; wrote an empty/);
    });

    const schema = { type: 'object', properties: { verdict: { enum: ['ok', 'bad'] }, issues: { type: 'integer' } }, required: ['verdict', 'issues'], additionalProperties: false };
    const writeSchema = async (body: unknown = schema) => {
      const file = path.join(root, 'schema.json');
      await fs.writeFile(file, typeof body === 'string' ? body : JSON.stringify(body));
      return file;
    };

    it('sends the schema as response_format and in the task; a valid answer is printed and written', async () => {
      server.enqueue(CHAT, chatStream('{"verdict":"ok","issues":0}'));
      const out = path.join(root, 'out.json');
      const r = await exec(['--output-schema', await writeSchema(), '--output-last-message', out, 'review']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '{"verdict":"ok","issues":0}\n');
      assert.deepEqual(JSON.parse(await fs.readFile(out, 'utf8')), { verdict: 'ok', issues: 0 });
      const body = server.requestsTo(CHAT)[0].body;
      assert.equal(body.response_format.type, 'json_schema');
      assert.deepEqual(body.response_format.json_schema.schema, schema);
      assert.match(userMessage(), /valid against this JSON Schema/);
    });

    it('asks once for a repair, telling the model what failed, then succeeds', async () => {
      server.enqueue(CHAT, chatStream('Sure! {"verdict":"fine"}'), chatStream('{"verdict":"bad","issues":2}'));
      const r = await exec(['--output-schema', await writeSchema(), 'review']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '{"verdict":"bad","issues":2}\n', 'only the checked answer reaches stdout');
      assert.match(userMessage(1), /does not match the required JSON Schema: the answer is not JSON/);
      assert.equal(server.requestsTo(CHAT).length, 2);
    });

    it('exits 1 with the validation errors when the repair fails too', async () => {
      server.enqueue(CHAT, chatStream('{"verdict":"fine","issues":1}'), chatStream('{"verdict":"fine"}'));
      const r = await exec(['--output-schema', await writeSchema(), 'review']);
      assert.equal(r.code, 1);
      assert.match(userMessage(1), /\/verdict must be equal to one of the allowed values/);
      assert.match(r.stderr, /does not match the --output-schema .*schema\.json, even after one correction: .*must have required property 'issues'/);
      assert.equal(r.stdout, '');
    });

    it('sends the schema as text.format with --api responses', async () => {
      server.enqueue('/v1/responses', responsesText('{"verdict":"ok","issues":0}'));
      const r = await exec(['--api', 'responses', '--output-schema', await writeSchema(), 'review']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(server.requestsTo('/v1/responses')[0].body.text.format.type, 'json_schema');
    });

    const badSchemas: Array<[string, string | null, RegExp]> = [
      ['a missing file', null, /Cannot read the --output-schema file .*ENOENT/],
      ['a file that is not JSON', '{ type: object', /is not JSON/],
      ['an array', '[1, 2]', /must hold a JSON Schema object .* an array/],
      ['an invalid schema', '{"type": 12}', /is not a valid JSON Schema/],
    ];
    for (const [name, body, message] of badSchemas) {
      it(`a bad schema file (${name}) is exit 2 before any model call`, async () => {
        const file = body === null ? path.join(root, 'missing.json') : await writeSchema(body);
        const r = await exec(['--output-schema', file, 'go']);
        assert.equal(r.code, 2);
        assert.match(r.stderr, message);
        assert.equal(server.requests.length, 0);
      });
    }
  });
});
