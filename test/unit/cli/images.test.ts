// `tandem exec --image` as a real child process against the scripted model server: the images go in
// the first request as image parts; a missing file, a non-image, a model without vision and
// --vision off each stop before any request with a clear message and exit code 2.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ModelServer } from '../../fixtures/modelServer';
import { chatStream } from '../../fixtures/replies';
import { PNG_1X1 } from '../../fixtures/images';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { runTandem } from './cliKit';
import { parseArgs } from '../../../src/cli/args';

const CHAT = '/v1/chat/completions';

describe('tandem exec --image', function () {
  this.timeout(30_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n' }, (s, r) => ((server = s), (root = r)));
  const exec = (model: string, args: string[]) => runTandem(['exec', '--base-url', server.url, '--model', model, '--cwd', root, ...args]);

  it('sends every image as an image part of the first message', async () => {
    await fs.writeFile(path.join(root, 'shot.png'), PNG_1X1);
    await fs.writeFile(path.join(root, 'renamed.gif'), PNG_1X1);
    server.enqueue(CHAT, chatStream('A dot.'));
    const r = await exec('gpt-4o', ['--image', path.join(root, 'shot.png'), `--image=${path.join(root, 'renamed.gif')}`, 'what is this?']);
    assert.equal(r.code, 0, r.stderr);
    const user = (server.requestsTo(CHAT)[0].body.messages as Array<{ role: string; content: unknown }>).filter((m) => m.role === 'user').pop();
    const url = `data:image/png;base64,${PNG_1X1.toString('base64')}`;
    assert.deepEqual(user?.content, [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url } }, { type: 'image_url', image_url: { url } }]);
  });

  const refused: Array<[string, string, (root: string) => Promise<string[]>, RegExp]> = [
    ['a missing file', 'gpt-4o', async (r) => ['--image', path.join(r, 'nope.png')], /--image .*nope\.png does not exist/],
    ['a file that is not an image', 'gpt-4o', async (r) => ['--image', path.join(r, 'a.txt')], /a\.txt is not a PNG, JPEG, WebP or GIF image/],
    ['a folder', 'gpt-4o', async (r) => ['--image', r], /could not be read/],
    ['a model not known to take images', 'qwen2.5-coder:7b', async (r) => (await fs.writeFile(path.join(r, 's.png'), PNG_1X1), ['--image', path.join(r, 's.png')]), /not known to accept images\. If it does, add --vision on/],
    ['--vision off', 'gpt-4o', async (r) => (await fs.writeFile(path.join(r, 's.png'), PNG_1X1), ['--vision', 'off', '--image', path.join(r, 's.png')]), /--vision is off/],
  ];
  for (const [what, model, args, why] of refused) {
    it(`refuses ${what} before calling the model`, async () => {
      const r = await exec(model, [...(await args(root)), 'look']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, why);
      assert.equal(server.requestsTo(CHAT).length, 0);
    });
  }

  it('--vision on sends images to any model; bad values and too many images are argument errors', async () => {
    await fs.writeFile(path.join(root, 's.png'), PNG_1X1);
    server.enqueue(CHAT, chatStream('ok'));
    const r = await exec('my-local-model', ['--vision', 'on', '--image', path.join(root, 's.png'), 'look']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(JSON.stringify(server.requestsTo(CHAT)[0].body), /image_url/);
    const parsed = parseArgs(['exec', '--model', 'm', '--vision', 'maybe', 'x'], {}, '/', false);
    assert.equal(parsed.kind, 'error');
    const many = parseArgs(['exec', '--model', 'm', ...Array.from({ length: 9 }, () => ['--image', 'a.png']).flat(), 'x'], {}, '/', false);
    assert.match(many.kind === 'error' ? many.message : '', /At most 8 --image files/);
  });
});
