// How the CLI process ends after its command returned (src/cli/exitPromptly.ts), in real Node
// processes: with only its own output streams left it flushes them and exits at once (Node's own
// ending, and its 'beforeExit', never come), running the atExit callbacks first; with anything else
// still open (a child process, a timer) it waits as Node would. And through the built CLI: a large
// answer through a pipe arrives whole.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { mayExitNow } from '../../../src/cli/exitPromptly';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream } from '../../fixtures/replies';
import { builtCli, REPO, runNode, runProcess, type CliRun } from './cliKit';
import { tempWorkspace } from '../core/agent/testTools';

let built = '';

/** Runs `body` (JavaScript, with exitWhenDone and atExit in scope) in a new Node process. */
function runScript(body: string): Promise<CliRun> {
  return runProcess(['-e', `const { exitWhenDone, atExit } = require(${JSON.stringify(built)});\nprocess.on('beforeExit', () => process.stdout.write('beforeExit\\n'));\n${body}`]);
}

describe('CLI exit', function () {
  this.timeout(60_000);
  let dir: string;
  // src/cli/exitPromptly.ts as the bundle has it, for plain Node (a TypeScript loader holds connections of its own).
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-exit-'));
    built = path.join(dir, 'exitPromptly.js');
    buildSync({ entryPoints: [path.join(REPO, 'src/cli/exitPromptly.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: built, logLevel: 'silent' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('drops only what holds nothing: the output streams and pending closes', () => {
    assert.equal(mayExitNow([]), true);
    assert.equal(mayExitNow(['PipeWrap', 'PipeWrap', 'TTYWrap', 'CloseReq', 'FileHandleCloseReq']), true);
    for (const open of ['ProcessWrap', 'TCPSocketWrap', 'TCPServerWrap', 'Timeout', 'Immediate', 'FSReqCallback', 'FSReqPromise', 'Worker', 'UDPWrap']) {
      assert.equal(mayExitNow(['PipeWrap', open]), false, open);
    }
  });

  it('with nothing else open: flushes, runs atExit, exits with the code at once (no beforeExit)', async () => {
    const r = await runScript("process.stdout.write('x'.repeat(200000) + '\\n');\natExit(() => process.stdout.write('atExit\\n'));\nexitWhenDone(3);");
    assert.equal(r.code, 3);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0].length, 200000, 'the whole output arrived');
    assert.deepEqual(lines.slice(1), ['atExit', ''], 'atExit ran once, and Node did not reach beforeExit');
  });

  it('with a child process still running: waits for it, as Node would, and atExit still runs once', async () => {
    const r = await runScript(
      "const { spawn } = require('node:child_process');\n" +
        "const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 300)'], { stdio: 'ignore' });\n" +
        "c.on('exit', () => process.stdout.write('child ended\\n'));\n" +
        "atExit(() => process.stdout.write('atExit\\n'));\nexitWhenDone(0);",
    );
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'child ended');
    assert.deepEqual(lines.slice(1).sort(), ['', 'atExit', 'beforeExit'], 'Node ended it (beforeExit), and atExit ran once');
  });

  it('with a timer still pending: waits for it', async () => {
    const r = await runScript("setTimeout(() => process.stdout.write('timer\\n'), 200);\nexitWhenDone(5);");
    assert.equal(r.code, 5);
    assert.deepEqual(r.stdout.split('\n'), ['timer', 'beforeExit', '']);
  });

  it('a reader that closed the pipe (an ACP client gone): exits with the code, no EPIPE crash', async () => {
    const script = `const { exitWhenDone } = require(${JSON.stringify(built)});\nprocess.stdout.write('ready\\n');\nprocess.stdin.once('data', () => exitWhenDone(0));`;
    const { code, stderr } = await runProcess(['-e', script], {
      stdin: 'open',
      // Once the child has written, the reading end goes away; then the child is told to end.
      onSpawn: (child) =>
        child.stdout!.once('data', () => {
          child.stdout!.destroy();
          child.stdin!.write('go\n');
        }),
    });
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
  });

  it('tandem exec: a large final answer through a pipe arrives whole, and the exit code is kept', async () => {
    const server = await ModelServer.start();
    const root = await tempWorkspace({ 'a.txt': 'a\n' });
    try {
      const answer = 'line of the answer\n'.repeat(10_000).trimEnd(); // 190 KB: more than a pipe holds (64 KB)
      server.enqueue('/v1/chat/completions', chatStream(answer));
      const r = await runNode([await builtCli()], ['exec', '--base-url', server.url, '--model', 'm', '--cwd', root, 'say a lot']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${answer}\n`);
    } finally {
      await server.close();
    }
  });
});
