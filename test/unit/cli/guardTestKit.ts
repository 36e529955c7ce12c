// Shared by the guard tests: the SARIF 2.1.0 schema as an ajv validator (the schema is draft-04 and
// has one pattern that is not valid under the `u` flag, hence the options), and the CLI bundle built
// once per test process the way esbuild.config.mjs builds dist/cli.js, wasm grammars beside it.
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import * as esbuild from 'esbuild';

const REPO = path.resolve(__dirname, '../../..');

export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s\\]/.test(s) && URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

let built: Promise<{ dir: string; cli: string }> | undefined;

/** dist/cli.js built into a temp folder (removed when the process exits). */
export function cliBundle(): Promise<string> {
  built ??= (async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-guard-cli-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    await esbuild.build({
      entryPoints: { cli: path.join(REPO, 'src/cli/main.ts') },
      outdir: dir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      logLevel: 'silent',
    });
    const wasm = path.join(REPO, 'node_modules/@vscode/tree-sitter-wasm/wasm');
    await fs.mkdir(path.join(dir, 'wasm'));
    for (const f of await fs.readdir(wasm)) if (f.endsWith('.wasm')) await fs.copyFile(path.join(wasm, f), path.join(dir, 'wasm', f));
    return { dir, cli: path.join(dir, 'cli.js') };
  })();
  return built.then((b) => b.cli);
}
