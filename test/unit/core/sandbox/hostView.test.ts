import { strict as assert } from 'node:assert';
import { readablePaths, TOOLCHAIN_HOMES } from '../../../../src/core/sandbox/hostView';
import { bwrapArgs } from '../../../../src/core/sandbox/bwrapArgs';

describe('what of the host a confined command may read', () => {
  const home = '/home/u';
  it('shows /run (host sockets) only with the network on', () => {
    assert.equal(readablePaths({ home, network: false }).some((p) => p === '/run' || p === '/var/run'), false);
    assert.ok(readablePaths({ home, network: true }).includes('/run'));
  });
  it('never shows the home folder whole, nor the disk root, through a program folder (PATH=/home/u, PATH=/)', () => {
    const r = readablePaths({ home, network: false, programDirs: ['/', '/home', home, '/opt/node/bin'] });
    for (const bad of ['/', '/home', home]) assert.equal(r.includes(bad), false, bad);
    assert.ok(r.includes('/opt/node/bin'));
  });
  it('shows no credential store through the toolchain table', () => {
    for (const cred of ['.ssh', '.netrc', '.npmrc', '.pypirc', '.git-credentials', '.docker', '.kube', '.aws', '.gnupg', '.azure', '.config', '.config/gcloud', '.local', '.local/state', '.vscode-server']) {
      assert.equal(TOOLCHAIN_HOMES.includes(cred), false, cred);
    }
  });
  it('the user\'s additions are shown, ~ expanded', () => {
    assert.ok(readablePaths({ home, network: false, extra: ['~/sdk', '/data/models'] }).includes('/home/u/sdk'));
  });
  it('empties the home folder, then shows the toolchain homes inside it, and drops every capability as root', () => {
    const args = bwrapArgs({ mode: 'workspace-write', network: false, workspaceRoot: '/w', privateTmp: '/tmp/p', readOnly: [], pinned: [], hidden: [], cwd: '/w', readable: ['/usr', '/home/u/.cargo'], home, asRoot: true }).join(' ');
    assert.ok(args.indexOf('--tmpfs /home/u') < args.indexOf('--ro-bind-try /home/u/.cargo'));
    assert.ok(!args.includes('--ro-bind / /'));
    assert.match(args, /--unshare-user .*--new-session.*--cap-drop ALL/);
    assert.match(args, /--unshare-net/);
  });
});
