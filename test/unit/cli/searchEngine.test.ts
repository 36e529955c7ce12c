// `tandem exec` without a system ripgrep: the search tool walks the files in JavaScript and the CLI
// says so once on stderr; with an `rg` on PATH (a stand-in script here) it says nothing.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { runTandem } from './cliKit';

const CHAT = '/v1/chat/completions';

describe('tandem exec search engine', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  let bin: string;
  useServerAndWorkspace({ 'a.txt': 'alpha needle\n' }, (s, r) => ((server = s), (root = r)));
  beforeEach(async () => (bin = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-bin-'))));
  afterEach(() => fs.rm(bin, { recursive: true, force: true }));

  const twoSearches = () =>
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 's1', name: 'search', arguments: { query: 'needle' } }]),
      chatToolCallStream([{ id: 's2', name: 'search', arguments: { query: 'alpha' } }]),
      chatStream('searched'),
    );
  // PATH is only this folder: no rg, whatever the machine has (node is started by its full path).
  const run = () => runTandem(['exec', '--base-url', server.url, '--model', 'm', '--cwd', root, '--no-mcp', 'find it'], { PATH: bin });

  it('walks without rg and notes it once', async () => {
    twoSearches();
    const r = await run();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.split('ripgrep (rg) was not found').length - 1, 1, r.stderr);
    const toolResults = server.requestsTo(CHAT).slice(1).map((q) => JSON.stringify((q.body as { messages: unknown[] }).messages.at(-1)));
    assert.match(toolResults[0], /a\.txt:1: alpha needle/);
  });

  it('says nothing when rg is on PATH', async () => {
    await fs.writeFile(path.join(bin, 'rg'), "#!/bin/sh\n[ \"$1\" = --version ] && echo 'ripgrep 14.1.0' && exit 0\nexit 1\n", { mode: 0o755 });
    twoSearches();
    const r = await run();
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /ripgrep \(rg\) was not found/);
    assert.match(JSON.stringify((server.requestsTo(CHAT)[1].body as { messages: unknown[] }).messages.at(-1)), /No matches/);
  });
});
