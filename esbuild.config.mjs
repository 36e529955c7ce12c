// Bundles the extension host entry, the headless CLI, the webview script and the integration tests.
// Usage: node esbuild.config.mjs [--production] [--dev] [--watch] [--tests]
// Bundles are minified with source maps unless --dev; --production (the .vsix) leaves out the tests and the source maps.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, existsSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliBuilds } from './esbuild.cli.mjs';
import { extensionBuilds } from './esbuild.extension.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev') || watch;
const withTests = process.argv.includes('--tests') || !production;

/** Every file below dir whose name ends with suffix. */
function filesBelow(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesBelow(p, suffix) : p.endsWith(suffix) ? [p] : [];
  });
}

const common = {
  bundle: true,
  minify: !dev,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
};

/** @type {esbuild.BuildOptions[]} */
const builds = [...extensionBuilds(common)];
if (existsSync('src/cli/main.ts')) {
  builds.push(...cliBuilds(common));
}
if (existsSync('media/main.ts')) {
  // The chat webview: script, CSS and the codicon font, all in dist/webview (its only resource root).
  builds.push({
    ...common,
    entryPoints: { main: 'media/main.ts', languages: 'media/languages.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.ttf': 'file' },
    // markdown-it only decodes entities: without this the encoder's 23 KB table comes along.
    alias: { entities: 'entities/lib/decode.js' },
    assetNames: '[name]',
  });
}
if (withTests) {
  // Integration tests run inside the VS Code extension host: bundle them the same way (vscode external).
  const entries = [...filesBelow('test/integration/suite', '.ts')];
  if (entries.length > 0) {
    builds.push({
      ...common,
      minify: false,
      entryPoints: entries,
      outdir: 'out/test/integration/suite',
      outbase: 'test/integration/suite',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
    });
  }
}

// tree-sitter's runtime and the grammars the guard and the command policy parse with
// (src/core/syntax/treeSitter.ts looks for them in dist/wasm).
const wasmFrom = 'node_modules/@vscode/tree-sitter-wasm/wasm';
mkdirSync('dist/wasm', { recursive: true });
for (const name of ['tree-sitter', 'tree-sitter-bash', 'tree-sitter-javascript', 'tree-sitter-typescript', 'tree-sitter-tsx', 'tree-sitter-python', 'tree-sitter-java']) {
  copyFileSync(join(wasmFrom, `${name}.wasm`), join('dist/wasm', `${name}.wasm`));
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
