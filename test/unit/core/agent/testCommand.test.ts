// Test command detection, one workspace per row.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { resolveTestCommand } from '../../../../src/core/agent/testCommand';
import { tempWorkspace } from './testTools';

const rows: Array<[string, Record<string, string>, string | undefined, string?]> = [
  ['package.json scripts.test', { 'package.json': '{"scripts":{"test":"mocha"}}' }, 'npm test'],
  ['pnpm lockfile', { 'package.json': '{"scripts":{"test":"vitest"}}', 'pnpm-lock.yaml': '' }, 'pnpm test'],
  ['yarn lockfile', { 'package.json': '{"scripts":{"test":"jest"}}', 'yarn.lock': '' }, 'yarn test'],
  ["npm's placeholder script is not a test command", { 'package.json': '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}' }, undefined],
  ['pyproject with pytest', { 'pyproject.toml': '[tool.pytest.ini_options]\n' }, 'pytest'],
  ['pyproject without pytest config', { 'pyproject.toml': '[project]\nname="x"\n' }, 'python -m pytest'],
  ['Makefile test target', { Makefile: 'build:\n\tcc x.c\ntest: build\n\t./run\n' }, 'make test'],
  ['Makefile without test target', { Makefile: 'build:\n\tcc x.c\n' }, undefined],
  ['Cargo.toml', { 'Cargo.toml': '[package]\n' }, 'cargo test'],
  ['go.mod', { 'go.mod': 'module x\n' }, 'go test ./...'],
  ['package.json wins over Makefile', { 'package.json': '{"scripts":{"test":"x"}}', Makefile: 'test:\n' }, 'npm test'],
  ['the setting wins over detection', { 'go.mod': 'module x\n' }, './ci/test.sh', './ci/test.sh'],
  ['a blank setting falls back to detection', { 'go.mod': 'module x\n' }, 'go test ./...', '  '],
  ['nothing to detect', { 'README.md': 'hi' }, undefined],
];

describe('test command', () => {
  for (const [name, files, expected, setting] of rows) {
    it(`${name} → ${expected ?? 'none'}`, async () => {
      const root = await tempWorkspace(files);
      try {
        assert.equal(await resolveTestCommand(root, setting), expected);
      } finally {
        await fs.rm(root, { recursive: true, force: true });
      }
    });
  }
});
