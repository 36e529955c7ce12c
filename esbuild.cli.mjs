// The CLI's two bundles, shared by esbuild.config.mjs and the bundle test: dist/cli.js, a tiny entry
// (argument parsing, help, version) that starts about as fast as bare Node, and dist/cliExec.js with
// the agent, model clients, MCP, audit and tree-sitter code, required only when a command runs.
// esbuild's code splitting is ESM-only, so the entry's `import('./exec')` becomes a small CommonJS module
// that loads dist/cliExec.js through a V8 code cache (src/cli/codeCache.ts): not through the ESM
// loader's format detection, and without parsing and compiling the 1 MB bundle again at every start.

/** Points src/cli/main.ts's `./exec` import at the sibling bundle, loaded through the V8 code cache (src/cli/codeCache.ts). */
export const lazyExecPlugin = {
  name: 'tandem-lazy-exec',
  setup(build) {
    build.onResolve({ filter: /^\.\/exec$/ }, (args) => (/[\\/]src[\\/]cli[\\/]main\.ts$/.test(args.importer) ? { path: 'cliExec.js', namespace: 'tandem-exec-bundle', pluginData: args.resolveDir } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'tandem-exec-bundle' }, (args) => ({
      // CommonJS, so main.ts's import() of it is a require; __dirname is dist/ in the bundle.
      contents: "module.exports = require('./codeCache').loadExecBundle(__dirname);",
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

/**
 * tree-sitter's Emscripten runtime declares `var require = createRequire(...)` after an
 * `import("module")`; with import() turned into require() (see cliBuilds) that local, hoisted
 * `require` would be called while still undefined. Without the declaration, the runtime's require()
 * calls (node builtins only) use the bundle's own. Fails the build if the runtime changed shape.
 */
export const treeSitterRequirePlugin = {
  name: 'tandem-tree-sitter-require',
  setup(build) {
    build.onLoad({ filter: /[\\/]tree-sitter-wasm[\\/]wasm[\\/]tree-sitter\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      const declaration = 'var require = createRequire(getCurrentScriptUrl());';
      if (text.split(declaration).length !== 2) throw new Error(`${args.path}: expected one "${declaration}" (tree-sitter's runtime changed; see esbuild.cli.mjs)`);
      return { contents: text.replace(declaration, 'void createRequire;'), loader: 'js' };
    });
  },
};

/** @returns {import('esbuild').BuildOptions[]} */
export function cliBuilds(common, outdir = 'dist', root = '.') {
  const node = { ...common, bundle: true, outdir, platform: 'node', format: 'cjs', target: 'node20' };
  return [
    { ...node, entryPoints: { cli: `${root}/src/cli/main.ts` }, banner: { js: '#!/usr/bin/env node' }, plugins: [lazyExecPlugin], supported: { 'dynamic-import': false } },
    // No import() left in it (tree-sitter's of node builtins become requires): a vm.Script, as the
    // code cache compiles it, has no loader for import() on Node 20 without an experimental flag.
    { ...node, entryPoints: { cliExec: `${root}/src/cli/exec.ts` }, supported: { 'dynamic-import': false }, plugins: [treeSitterRequirePlugin] },
  ];
}
