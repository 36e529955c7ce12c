// The CLI's two bundles, shared by esbuild.config.mjs and the bundle test: dist/cli.js, a tiny entry
// (argument parsing, help, version) that starts about as fast as bare Node, and dist/cliExec.js with
// the agent, model clients, MCP, audit and tree-sitter code, required only when a command runs.
// esbuild's code splitting is ESM-only, so the entry's `import('./exec')` is marked external and, with
// dynamic import declared unsupported, emitted as a plain `require('./cliExec.js')`: Node then loads the
// 1 MB bundle as CommonJS directly instead of going through the ESM loader's format detection.

/** Marks src/cli/main.ts's `./exec` import external, pointing at the sibling bundle. */
export const lazyExecPlugin = {
  name: 'tandem-lazy-exec',
  setup(build) {
    build.onResolve({ filter: /^\.\/exec$/ }, (args) => (/[\\/]src[\\/]cli[\\/]main\.ts$/.test(args.importer) ? { path: './cliExec.js', external: true } : undefined));
  },
};

/** @returns {import('esbuild').BuildOptions[]} */
export function cliBuilds(common, outdir = 'dist', root = '.') {
  const node = { ...common, bundle: true, outdir, platform: 'node', format: 'cjs', target: 'node20' };
  return [
    { ...node, entryPoints: { cli: `${root}/src/cli/main.ts` }, banner: { js: '#!/usr/bin/env node' }, plugins: [lazyExecPlugin], supported: { 'dynamic-import': false } },
    { ...node, entryPoints: { cliExec: `${root}/src/cli/exec.ts` } },
  ];
}
