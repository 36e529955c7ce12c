// The extension's two bundles, shared by esbuild.config.mjs and the bundle test: dist/extension.js,
// what activation needs (completion, status bar, settings, key store, thin stand-ins for the agent's
// commands and view), and dist/extensionAgent.js (src/vscode/agent/agentHost.ts: the agent, tools, policy,
// guard engine, MCP SDK, ajv), required synchronously the first time the panel or the agent is used.
// As in esbuild.cli.mjs, extension.ts's `require('./vscode/agent/agentHost')` becomes a runtime require of
// the sibling bundle instead of being inlined.

/** Marks src/extension.ts's `./vscode/agent/agentHost` import external, pointing at the sibling bundle. */
export const lazyAgentPlugin = {
  name: 'tandem-lazy-agent',
  setup(build) {
    build.onResolve({ filter: /^\.\/vscode\/agent\/agentHost$/ }, (args) => (/[\\/]src[\\/]extension\.ts$/.test(args.importer) ? { path: './extensionAgent.js', external: true } : undefined));
  },
};

/** @returns {import('esbuild').BuildOptions[]} */
export function extensionBuilds(common, outdir = 'dist', root = '.') {
  const node = { ...common, bundle: true, outdir, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };
  return [
    { ...node, entryPoints: { extension: `${root}/src/extension.ts` }, plugins: [lazyAgentPlugin] },
    { ...node, entryPoints: { extensionAgent: `${root}/src/vscode/agent/agentHost.ts` } },
  ];
}
