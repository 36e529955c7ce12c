// `tandem exec "/name args"` as a real child process against the scripted model server: the prompt
// file's text with the arguments put in, its mode and model, its @file references attached, the
// user's own commands, `//text` sent literally, and an unknown /name refused before any model call.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream } from '../../fixtures/replies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { testHomes } from './acpKit';
import { runProcess, tandemArgv, type CliRun } from './cliKit';

const CHAT = '/v1/chat/completions';

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return runProcess([...(await tandemArgv()), ...args], { cwd: process.cwd(), env: { PATH: process.env.PATH, ...env } });
}

describe('tandem exec "/name args" (prompt files)', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  let homes: NodeJS.ProcessEnv;
  useServerAndWorkspace(
    {
      'src/app.ts': 'export const x = 1;\n',
      '.tandem/commands/review.md': '---\ndescription: Review\nmode: plan\nmodel: review-model\ntools: [read_file, search]\n---\nReview @$1 for $2.\nAll: $ARGUMENTS',
      '.github/prompts/tests.prompt.md': '---\ndescription: Write tests\n---\nWrite tests.',
    },
    (s, r) => ((server = s), (root = r)),
  );
  beforeEach(() => (homes = testHomes()));
  afterEach(() => fs.rm(homes.HOME!, { recursive: true, force: true }));
  const exec = (task: string) => run(['exec', '--base-url', server.url, '--model', 'test-model', '--cwd', root, '--no-mcp', task], homes);
  const lastUser = (i = 0) => server.requestsTo(CHAT)[i].body.messages.filter((m: { role: string }) => m.role === 'user').at(-1).content as string;

  it('runs the file with $1, $2 and $ARGUMENTS, in its mode, with its model and only its tools; @$1 is attached', async () => {
    server.enqueue(CHAT, chatStream('Looks fine.'));
    const r = await exec('/review src/app.ts "error handling"');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'Looks fine.');
    assert.match(r.stderr, /Running \/review .* in plan mode with review-model/);
    const body = server.requestsTo(CHAT)[0].body;
    assert.equal(body.model, 'review-model');
    assert.deepEqual(body.tools.map((t: { function: { name: string } }) => t.function.name).filter((n: string) => n !== 'update_plan' && n !== 'ask_user').sort(), ['read_file', 'search']);
    const user = lastUser();
    assert.match(user, /<attachment kind="file" source="src\/app.ts">\nexport const x = 1;/);
    assert.match(user, /Review @src\/app\.ts for error handling\.\nAll: src\/app\.ts "error handling"/);
    assert.match(user, /\[Plan mode\]/);
  });

  it('appends the arguments to a .github/prompts file without placeholders, and finds the user\'s own commands', async () => {
    await fs.mkdir(path.join(homes.XDG_CONFIG_HOME!, 'tandem', 'commands'), { recursive: true });
    await fs.writeFile(path.join(homes.XDG_CONFIG_HOME!, 'tandem', 'commands', 'mine.md'), 'My own: $ARGUMENTS');
    server.enqueue(CHAT, chatStream('a'), chatStream('b'));
    assert.equal((await exec('/tests for the parser')).code, 0);
    assert.match(lastUser(0), /^Write tests\.\n\nfor the parser$/);
    assert.equal((await exec('/mine hello')).code, 0);
    assert.equal(lastUser(1), 'My own: hello');
  });

  it('refuses an unknown /name before any model call, listing the commands; //text and paths are sent as text', async () => {
    const bad = await exec('/reveiw x');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown command \/reveiw\. Commands: \/review, \/tests\./);
    assert.equal(server.requestsTo(CHAT).length, 0);
    server.enqueue(CHAT, chatStream('a'), chatStream('b'));
    assert.equal((await exec('//review is a word')).code, 0);
    assert.equal(lastUser(0), '/review is a word');
    assert.equal((await exec('/src/app.ts has a bug')).code, 0);
    assert.equal(lastUser(1), '/src/app.ts has a bug');
  });
});
