// `tandem exec` as a real child process (the built bundle) against the scripted model server, in a
// temp workspace: streamed answer, --json events, exit codes, approvals without a TTY, full-auto.
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { isAlive } from '../../fixtures/processes';
import { chatStream, chatToolCallStream, httpError } from '../../fixtures/replies';
import { responsesText } from '../../fixtures/responsesReplies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { runTandem } from './cliKit';

const CHAT = '/v1/chat/completions';


describe('tandem exec (child process)', function () {
  this.timeout(30_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n' }, (s, r) => ((server = s), (root = r)));
  const exec = (args: string[], env: NodeJS.ProcessEnv = {}, onSpawn?: (child: ChildProcess) => void) =>
    runTandem(['exec', '--base-url', server.url, '--model', 'test-model', '--cwd', root, ...args], env, onSpawn);

  it('streams the answer to stdout and exits 0', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'r', name: 'read_file', arguments: { path: 'a.txt' } }]), chatStream('The file says alpha.'));
    const r = await exec(['what does a.txt say?']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'The file says alpha.\n');
    assert.match(r.stderr, /▸ read_file a\.txt/);
    assert.equal(server.requestsTo(CHAT).length, 2);
  });

  it('--json prints one JSON event per line, ending with done', async () => {
    server.enqueue(CHAT, chatStream('ok'));
    const r = await exec(['--json', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    const events = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(events[0].type, 'turnStarted');
    assert.deepEqual(events.at(-1), { type: 'done', reason: 'answer', steps: 1 });
    assert.equal(events.filter((e) => e.type === 'text').map((e) => e.delta).join(''), 'ok');
  });

  it('exits non-zero on a server error and never prints the API key', async () => {
    server.enqueue(CHAT, httpError(401, 'Incorrect API key provided: sk-supersecret123456'));
    const r = await exec(['hi'], { OPENAI_API_KEY: 'sk-supersecret123456' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refused the API key \(HTTP 401\)\. The server said: "[^"]*Incorrect API key provided/);
    assert.match(r.stderr, /Set \$OPENAI_API_KEY/);
    assert.doesNotMatch(r.stdout + r.stderr, /supersecret/);
    assert.equal(server.requestsTo(CHAT)[0].headers.authorization, 'Bearer sk-supersecret123456');
  });

  it('exits 3 at the step limit and says so', async () => {
    server.onRequest(CHAT, () => chatToolCallStream([{ name: 'read_file', arguments: { path: 'a.txt' } }]));
    const r = await exec(['--max-steps', '2', 'loop']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /step limit/);
  });

  it('exits 2 with a clear message on bad arguments', async () => {
    const r = await runTandem(['exec', '--approval', 'sometimes', 'x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--approval must be one of/);
  });

  it('with no TTY in suggest mode applies nothing, says so and exits 4', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'new.txt', content: 'hello\n' } }]), chatStream('I could not write the file.'));
    const r = await exec(['--approval', 'suggest', 'create new.txt']);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /refused or not applied \(exit code 4\)/);
    await assert.rejects(fs.access(path.join(root, 'new.txt')));
    assert.match(r.stderr, /not applied: no terminal was attached/);
    const toolResult = server.requestsTo(CHAT)[1].body.messages.at(-1);
    assert.equal(toolResult.role, 'tool');
    assert.match(toolResult.content, /No terminal is attached to ask for approval/);
  });

  it('in full-auto applies edits through the core tools and runs commands', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([
        { id: 'w', name: 'write_file', arguments: { path: 'new.txt', content: 'hello\n' } },
        { id: 'e', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'alpha', new_string: 'beta' } },
        { id: 'c', name: 'run_command', arguments: { command: 'cat a.txt new.txt' } },
      ]),
      chatStream('Created new.txt and edited a.txt.'),
    );
    const r = await exec(['--approval', 'full-auto', 'create new.txt']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await fs.readFile(path.join(root, 'new.txt'), 'utf8'), 'hello\n');
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'beta\n');
    const results = server.requestsTo(CHAT)[1].body.messages.filter((m: { role: string }) => m.role === 'tool');
    assert.equal(results.length, 3);
    assert.match(results[2].content, /beta[\s\S]*hello/);
  });

  it('speaks the Responses API with --api responses', async () => {
    server.enqueue('/v1/responses', responsesText('via responses'));
    const r = await exec(['--api', 'responses', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'via responses\n');
  });

  it('Ctrl-C cancels the turn, hangs up the request and exits 130', async () => {
    server.enqueue(CHAT, chatStream('a slow answer', { stallAfter: 2 }));
    const r = await exec(['hi'], {}, (child) => {
      child.stdout?.once('data', () => child.kill('SIGINT'));
    });
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /Cancelled/);
    await server.waitForDisconnect(server.requestsTo(CHAT)[0]);
  });

  // Unconfined commands ask in full-auto (and nobody can answer here); their kill path is covered in-process by the sandbox tests.
  for (const sandbox of ['workspace-write']) {
    it(`a second Ctrl-C exits at once (130) while a command ignores SIGTERM, and kills that command (sandbox ${sandbox})`, async () => {
      // A marker in the command line finds the process from outside (inside the sandbox's PID namespace $$ means nothing here).
      const marker = `6${Math.floor(Math.random() * 1e6)}.5`;
      const command = `trap '' TERM; echo started; sleep ${marker}`;
      server.enqueue(CHAT, chatToolCallStream([{ id: 'c', name: 'run_command', arguments: { command } }]), chatStream('never'));
      let stderr = '';
      const r = await exec(['--json', '--approval', 'full-auto', '--sandbox', sandbox, 'run it'], {}, (child) => {
        let interrupted = 0;
        child.stdout?.on('data', (b: Buffer) => {
          if (interrupted === 0 && /"type":"toolOutput"[^\n]*started/.test(b.toString())) {
            interrupted = 1;
            child.kill('SIGINT');
          }
        });
        child.stderr?.on('data', (b: Buffer) => {
          stderr += b;
          if (interrupted === 1 && /press Ctrl-C again/.test(stderr)) {
            interrupted = 2;
            child.kill('SIGINT');
          }
        });
      });
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /Stopped at once \(second Ctrl-C\)/);
      assert.doesNotMatch(r.stdout, /"type":"done"/, 'it did not wait for the turn to wind down');
      const cmdline = (p: string) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8');
        } catch {
          return '';
        }
      };
      const sleepers = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p) && isAlive(Number(p)) && cmdline(p).includes(marker));
      const deadline = Date.now() + 3000;
      while (sleepers().length && Date.now() < deadline) await new Promise((res) => setTimeout(res, 25));
      assert.deepEqual(sleepers(), [], 'the stuck command was killed too');
    });
  }
});
