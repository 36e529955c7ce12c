// `tandem exec`, `fix` and `eval` on a real terminal (a pseudo-terminal from util-linux `script`), where approvals are
// asked: a "no" and a change that went stale while waiting both end the task with exit code 4, a
// "yes" with 0. The model is the scripted server; the CLI is a real child process.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { tandemArgv } from './cliKit';

const CHAT = '/v1/chat/completions';
const REPO = path.resolve(__dirname, '../../..');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI on a pseudo-terminal; `answer` is called with what it printed when it asks. */
async function onTerminal(args: string[], answer: (screen: string) => Promise<string>): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, ...(await tandemArgv()), ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: REPO, env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let asked = false;
    child.stdout.on('data', (b) => {
      screen += b;
      if (!asked && /\[y\/N\]/.test(screen)) {
        asked = true;
        void answer(screen).then((line) => child.stdin.write(line));
      }
    });
    child.stderr.on('data', (b) => (screen += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

describe('tandem exec on a terminal (child process on a pty)', function () {
  this.timeout(30_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n' }, (s, r) => ((server = s), (root = r)));
  const args = (...rest: string[]) => ['exec', '--base-url', server.url, '--model', 'test-model', '--cwd', root, '--no-mcp', ...rest];
  const edit = () => chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'a.txt', old_string: 'alpha', new_string: 'beta' } }]);

  it('the user says no: nothing is written, exit 4', async () => {
    server.enqueue(CHAT, edit(), chatStream('You declined.'));
    const r = await onTerminal(args('change a.txt'), async () => 'n\r');
    assert.equal(r.code, 4, r.screen);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'alpha\n');
    assert.match(server.requestsTo(CHAT)[1].body.messages.at(-1).content, /The user rejected this change/);
  });

  it('the user says yes: the change is applied, exit 0', async () => {
    server.enqueue(CHAT, edit(), chatStream('Changed.'));
    const r = await onTerminal(args('change a.txt'), async () => 'y\r');
    assert.equal(r.code, 0, r.screen);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'beta\n');
  });

  it('the file changed while the question was open: the stale change is not applied, exit 4', async () => {
    server.enqueue(CHAT, edit(), chatStream('It changed under me.'));
    const r = await onTerminal(args('change a.txt'), async () => {
      await fs.writeFile(path.join(root, 'a.txt'), 'alpha, edited by someone else\n');
      return 'y\r';
    });
    assert.equal(r.code, 4, r.screen);
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'alpha, edited by someone else\n');
  });

  it('--attempts in suggest mode asks for the test command first; "no" starts no attempt, exit 4', async () => {
    const r = await onTerminal(args('--attempts', '2', '--test-command', 'node -e 0', 'change a.txt'), async () => 'n\r');
    assert.equal(r.code, 4, r.screen);
    assert.match(r.screen, /\$ node -e 0[\s\S]*each attempt is verified with this command[\s\S]*Run it\? \[y\/N\]/);
    assert.match(r.screen, /The test command was not approved, so no attempt was started \(--approval suggest\)/);
    assert.equal(server.requestsTo(CHAT).length, 0, 'no model was asked');
    assert.equal(await fs.readFile(path.join(root, 'a.txt'), 'utf8'), 'alpha\n');
  });

  it('tandem fix in suggest mode asks for the test command first; "no" starts no attempt, exit 4', async () => {
    await fs.cp(path.join(REPO, 'examples/fix/js-dynamic-eval'), path.join(root, 'js-dynamic-eval'), { recursive: true });
    const before = await fs.readFile(path.join(root, 'js-dynamic-eval/settings.js'), 'utf8');
    const r = await onTerminal(['fix', '--base-url', server.url, '--model', 'test-model', '--cwd', root, '--test-command', 'node js-dynamic-eval/test.js'], async () => 'n\r');
    assert.equal(r.code, 4, r.screen);
    assert.match(r.screen, /\$ node js-dynamic-eval\/test\.js[\s\S]*Run it\? \[y\/N\]/);
    assert.match(r.screen, /The test command was not approved, so no attempt was started \(--approval suggest\)/);
    assert.equal(server.requestsTo(CHAT).length, 0, 'no model was asked');
    assert.equal(await fs.readFile(path.join(root, 'js-dynamic-eval/settings.js'), 'utf8'), before);
  });

  it('tandem eval in suggest mode asks for the tasks\' test command first; "no" starts no attempt, exit 4', async () => {
    const r = await onTerminal(['eval', '--base-url', server.url, '--models', 'test-model', path.join(REPO, 'examples/eval')], async () => 'n\r');
    assert.equal(r.code, 4, r.screen);
    assert.match(r.screen, /\$ node test\.js[\s\S]*Run it\? \[y\/N\]/);
    assert.match(r.screen, /The test command was not approved, so no attempt was started \(--approval suggest\)/);
    assert.equal(server.requestsTo(CHAT).length, 0, 'no model was asked');
  });
});
