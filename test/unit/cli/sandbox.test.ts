// The command sandbox through `tandem exec` (a real child process, the scripted model, bubblewrap):
// in full-auto a command writes the workspace and its private /tmp and nothing else — not outside
// by any spelling an attacker would try, not git hooks or config, not .vscode — and reaches the
// network only when allowed. Also the branch without a sandbox (probe injected): one warning, and
// full-auto asks instead of running unconfined.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from '../../../src/cli/args';
import { runExec } from '../../../src/cli/exec';
import { probeBubblewrap } from '../../../src/core/sandbox/probe';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { tempWorkspace } from '../core/agent/testTools';
import { runTandem } from './cliKit';

const REPO = path.resolve(__dirname, '../../..');
const CHAT = '/v1/chat/completions';

interface ToolMessage {
  role: string;
  tool_call_id: string;
  content: string;
}

describe('tandem exec: the command sandbox', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  /** Outside the workspace and outside /tmp (the sandbox replaces /tmp with a private one). */
  let outside: string;

  before(async () => {
    const probe = await probeBubblewrap();
    // A prerequisite of these tests, like sh: the fallback branch is tested separately below.
    assert.equal(probe.available, true, `These tests need a working bubblewrap: ${probe.reason}`);
  });
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'alpha\n', '.vscode/settings.json': '{}\n', 'AGENTS.md': '# rules\n' });
    spawnSync('git', ['init', '-q'], { cwd: root });
    outside = await fs.mkdtemp(path.join(REPO, '.sandbox-outside-'));
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
    // Only there if the sandbox failed: never leave an escaped write behind.
    await fs.rm('/etc/tandem-pwned', { force: true }).catch(() => undefined);
    await fs.rm(path.join(process.env.HOME ?? '/root', '.tandem-sandbox-pwned'), { force: true });
  });

  /** Runs each command as one run_command call of a single model step; returns the outputs by index. */
  let lastStderr = '';
  async function runAll(commands: string[], args: string[] = [], env: NodeJS.ProcessEnv = {}, expectCode = 0): Promise<string[]> {
    server.enqueue(CHAT, chatToolCallStream(commands.map((command, i) => ({ id: `c${i}`, name: 'run_command', arguments: { command } }))), chatStream('done'));
    const r = await runTandem(['exec', '--base-url', server.url, '--model', 'm', '--cwd', root, '--approval', 'full-auto', ...args, 'go'], env);
    lastStderr = r.stderr;
    assert.equal(r.code, expectCode, r.stderr);
    const results = server.requestsTo(CHAT)[1].body.messages.filter((m: ToolMessage) => m.role === 'tool') as ToolMessage[];
    return commands.map((_c, i) => results.find((m) => m.tool_call_id === `c${i}`)?.content ?? '(no result)');
  }

  it('keeps every escape variant from writing outside the workspace', async () => {
    const out = outside;
    const variants: Array<[string, string]> = [
      ['an absolute path', `echo pwned > ${out}/abs.txt`],
      ['cd out of the workspace', `cd ${out} && echo pwned > cd.txt`],
      ['cd .. up to the root', `cd ../../../../../.. && echo pwned > .${out}/cdup.txt`],
      ['a relative path with ..', `echo pwned > ../../../../../../..${out}/dots.txt`],
      ['a symlink in the workspace pointing outside', `ln -s ${out} link && echo pwned > link/symlink.txt`],
      ['a symlink to /etc', `ln -s /etc etc-link && echo pwned > etc-link/tandem-pwned`],
      ['/proc/self/root', `echo pwned > /proc/self/root${out}/proc.txt`],
      ['the env wrapper', `env sh -c 'echo pwned > ${out}/env.txt'`],
      ['the timeout wrapper', `timeout 5 sh -c 'echo pwned > ${out}/timeout.txt'`],
      ['xargs', `echo ${out}/xargs.txt | xargs touch`],
      ['a nested bwrap binding / writable', `bwrap --bind / / sh -c 'echo pwned > ${out}/bwrap.txt'`],
      ['node itself', `${process.execPath} -e "require('fs').writeFileSync('${out}/node.txt', 'x')"`],
      ['the home folder', `echo pwned > ~/.tandem-sandbox-pwned`],
    ];
    const results = await runAll(variants.map(([, c]) => c));
    assert.deepEqual(await fs.readdir(outside), [], 'nothing was written outside');
    assert.equal(existsSync('/etc/tandem-pwned'), false);
    assert.equal(existsSync(path.join(process.env.HOME ?? '/root', '.tandem-sandbox-pwned')), false);
    // The home folder is an empty private one inside: the write lands there and vanishes (checked above).
    variants.forEach(([what], i) => what === 'the home folder' || assert.doesNotMatch(results[i], /exit code 0;/, `${what} failed inside the sandbox: ${results[i]}`));
  });

  it('keeps git hooks and config, .vscode and AGENTS.md read-only, and they cannot be swapped', async () => {
    const attacks = [
      'echo pwned > .git/hooks/pre-commit',
      'printf "[core]\\n\\thooksPath = evil\\n" >> .git/config',
      'cd .git && echo pwned > hooks/post-checkout',
      'ln -s .git/hooks h && echo pwned > h/pre-push',
      'mv .git .git-old; mkdir -p .git/hooks && echo pwned > .git/hooks/post-merge',
      'echo pwned > .vscode/tasks.json',
      'rm -rf .vscode; mkdir -p .vscode && echo pwned > .vscode/tasks.json',
      'mv .vscode elsewhere',
      'echo pwned >> AGENTS.md',
      'chmod 777 .git/hooks',
    ];
    const results = await runAll(attacks);
    attacks.forEach((a, i) => assert.doesNotMatch(results[i], /exit code 0;/, `${a}: ${results[i]}`));
    for (const f of ['.git/hooks/pre-commit', '.git/hooks/post-checkout', '.git/hooks/pre-push', '.git/hooks/post-merge', '.vscode/tasks.json', '.git-old', 'elsewhere']) {
      assert.equal(existsSync(path.join(root, f)), false, `${f} must not exist`);
    }
    assert.doesNotMatch(await fs.readFile(path.join(root, '.git/config'), 'utf8'), /hooksPath/);
    assert.equal(await fs.readFile(path.join(root, '.vscode/settings.json'), 'utf8'), '{}\n');
    assert.equal(await fs.readFile(path.join(root, 'AGENTS.md'), 'utf8'), '# rules\n');
  });

  it('lets commands write the workspace, a private TMPDIR, and commit with git', async () => {
    const marker = `tandem-private-${process.pid}-${Date.now()}`;
    const results = await runAll([
      'echo made > made.txt && mkdir -p src/deep && echo deep > src/deep/x.txt',
      `echo "$TMPDIR"; echo tmp > "$TMPDIR/t" && cat "$TMPDIR/t"; echo private > /tmp/${marker} && cat /tmp/${marker}`,
      'git add made.txt && git -c user.name=t -c user.email=t@example.com commit -qm first && git log --oneline | wc -l',
      'mkdir .husky && echo pwned > .husky/pre-commit',
    ], [], {}, 4);
    assert.equal(await fs.readFile(path.join(root, 'made.txt'), 'utf8'), 'made\n');
    assert.equal(await fs.readFile(path.join(root, 'src/deep/x.txt'), 'utf8'), 'deep\n');
    assert.match(results[1], /stdout:\n\/tmp\ntmp\nprivate\n/);
    assert.equal(existsSync(`/tmp/${marker}`), false, 'the private /tmp is not the host /tmp');
    assert.match(results[2], /exit code 0;[\s\S]*stdout:\n1\n/);
    // A protected folder that did not exist could be created: the model and the user are told.
    assert.match(results[3], /Note: the command created or replaced \.husky, which Tandem protects/);
    // …and what runs later is reported on the terminal, with exit code 4 (issue 22 §3).
    assert.match(lastStderr, /commands changed files that run later .*\.husky\/pre-commit \(created\)/);
  });

  it('gives commands none of the parent environment’s secrets, and the model sees none of their values', async () => {
    const secrets: Record<string, string> = {
      OPENAI_API_KEY: 'sk-parent-openai-key-1234567890',
      AWS_SECRET_ACCESS_KEY: 'aws-secret-value-0123456789',
      DB_PASSWORD: 'db-password-value-42',
      GITHUB_PAT: 'github-pat-value-0123',
      DATABASE_URL: 'postgres://app:db-url-password-7@db.example/prod',
      NPM_CONFIG__AUTH: 'npm-auth-value-12345',
      my_lower_token: 'lower-token-value-99',
    };
    // The workspace holds one value too, so the model-facing output is tested for redaction as well.
    await fs.writeFile(path.join(root, 'leak.txt'), `${secrets.DB_PASSWORD}\n`);
    const results = await runAll(['env > env.txt; env; cat leak.txt'], [], secrets);
    const inChild = await fs.readFile(path.join(root, 'env.txt'), 'utf8');
    for (const [name, value] of Object.entries(secrets)) {
      assert.doesNotMatch(inChild, new RegExp(`^${name}=`, 'm'), `${name} reached the command`);
      assert.ok(!results[0].includes(value), `the value of ${name} reached the model`);
    }
    assert.match(inChild, /^PATH=/m);
    assert.match(results[0], /\[REDACTED DB_PASSWORD\]/);
  });

  it('cuts the network off unless --sandbox-network allows it', async () => {
    const web = http.createServer((_req, res) => res.end('reached'));
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/`;
      const fetchCmd = `${process.execPath} -e "fetch('${url}').then(r => r.text()).then(t => console.log('GOT', t), e => { console.log('FAILED', e.cause && e.cause.code); process.exit(1); })"`;
      const off = await runAll([fetchCmd]);
      assert.match(off[0], /FAILED/);
      assert.doesNotMatch(off[0], /GOT reached/);
      server.reset();
      const on = await runAll([fetchCmd], ['--sandbox-network']);
      assert.match(on[0], /GOT reached/);
    } finally {
      await new Promise<void>((r) => web.close(() => r()));
    }
  });
});

describe('tandem exec without a usable sandbox (probe injected)', () => {
  it('warns once on stderr and makes full-auto ask instead of running unconfined', async () => {
    const server = await ModelServer.start();
    const root = await tempWorkspace({ 'a.txt': 'alpha\n' });
    try {
      server.enqueue(
        CHAT,
        chatToolCallStream([
          { id: 'x', name: 'run_command', arguments: { command: 'echo ran > ran.txt' } },
          { id: 'y', name: 'run_command', arguments: { command: 'npm install left-pad' } },
          { id: 'z', name: 'run_command', arguments: { command: 'cat a.txt' } },
        ]),
        chatStream('done'),
      );
      let stderr = '';
      const stdin = new PassThrough();
      stdin.end();
      const parsed = parseArgs(['exec', '--base-url', server.url, '--model', 'm', '--cwd', root, '--approval', 'full-auto', '--no-mcp', 'go'], {}, root);
      assert.equal(parsed.kind, 'exec');
      if (parsed.kind !== 'exec') return;
      // In process (the probe cannot cross a process boundary): exec's own entry, as main would call it.
      const code = await runExec(parsed.options, {
        stdout: { write: () => true },
        stderr: { write: (s: string) => ((stderr += s), true) },
        stdin,
        env: { PATH: process.env.PATH },
        interactive: false,
        cwd: root,
        sandboxProbe: async () => ({ available: false, reason: 'bubblewrap (bwrap) is not installed; install it.' }),
      });
      // The refused command is reported as not applied (exit 4).
      assert.equal(code, 4, stderr);
      assert.equal(stderr.match(/warning: Commands cannot be sandboxed/g)?.length, 1, stderr);
      assert.match(stderr, /bwrap\) is not installed/);
      assert.equal(existsSync(path.join(root, 'ran.txt')), false, 'the unconfined write was asked for, not run');
      const results = server.requestsTo(CHAT)[1].body.messages.filter((m: ToolMessage) => m.role === 'tool') as ToolMessage[];
      assert.match(results.find((m) => m.tool_call_id === 'y')!.content, /did not allow/);
      // Even what the classifier allows on its own asks: nothing runs unconfined unless the sandbox is switched off.
      assert.match(results.find((m) => m.tool_call_id === 'z')!.content, /did not allow/);
    } finally {
      await server.close();
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
