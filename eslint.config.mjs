// Lint keeps the layers apart (core never imports vscode or the CLI; the CLI never imports vscode;
// src never imports test) and rejects import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const vscodeBan = {
  name: 'vscode',
  message: 'src/core, src/cli and src/protocol must stay free of the vscode module: put this in src/vscode.',
};

// The layer order of src/core, from the bottom up: a folder may import only folders of LOWER rows (never a
// sibling of its own row, never a row above), so the rules that decide what may run (policy, sandbox, guard)
// cannot depend on the code they judge (tools, agent), and the domain types (changes) sit below everything
// that shows, applies or records a change. Every folder of src/core must stand in one row
// (test/unit/scripts/layers.test.ts checks it). The README's "Architecture" section mirrors this table.
export const CORE_LAYERS = [
  ['util'], //                                    errors, files, walking, import paths, the hardened git runner
  ['changes', 'secrets', 'syntax', 'llm'], //     domain types; secret redaction; parsers; the model client
  ['policy'], //                                  approval modes, command rules, path rules, the workspace jail
  ['sandbox'], //                                 confining commands
  ['guard'], //                                   scanning changes
  ['review'], //                                  the model's second opinion on a change, beside the guard's
  ['edits', 'gitignore'], //                      building and applying changes; the .gitignore offer
  ['audit', 'checkpoints'], //                    recording changes; snapshots to go back to
  ['context'], //                                 what a message carries: @-mentions, attachments, images, URLs
  ['tools'], //                                   the agent's tools
  ['mcp'], //                                     MCP servers and their tools
  ['hooks'], //                                   the user's hook commands around prompts, tool calls and stops
  ['agent'], //                                   the loop
  ['attempts', 'commands', 'completion', 'refactor', 'tasks'], // features on top; commands: prompt files
  ['fix', 'nextEdit'], //                        tandem fix (attempts per group of findings, verified); next-edit suggestions (built on completion)
];

const layerZones = CORE_LAYERS.flatMap((row, i) => {
  const higher = CORE_LAYERS.slice(i).flat();
  return row.flatMap((folder) =>
    higher.filter((other) => other !== folder).map((other) => ({
      target: `./src/core/${folder}`,
      from: `./src/core/${other}`,
      message: `core/${folder} stands below or beside core/${other} in CORE_LAYERS (eslint.config.mjs): move the shared piece down`,
    })),
  );
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'test/fixtures/workspace/**', 'test/unit/core/edits/scenarios/**', 'test/fixtures/guard-corpus/**', 'src/core/guard/rules/*/examples/**', 'examples/eval/*/workspace/**', 'examples/fix/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    files: ['**/*.ts'],
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/core', from: './src/cli', message: 'core must not import the CLI' },
            { target: './src/core', from: './src/vscode', message: 'core must not import the VS Code adapters' },
            { target: './src/core', from: './src/extension.ts', message: 'core must not import the extension entry' },
            { target: './src/cli', from: './src/vscode', message: 'the CLI must not import the VS Code adapters' },
            { target: './src/protocol', from: './src/vscode', message: 'protocol is shared with the webview' },
            { target: './src/protocol', from: './src/core', message: 'protocol is a leaf: core and the webview both import it' },
            { target: './src/protocol', from: './src/cli', message: 'protocol is a leaf: core and the webview both import it' },
            { target: './src', from: './test', message: 'src must not import test code' },
            { target: './media', from: './src/vscode', message: 'the webview must not import extension-host code' },
            { target: './media', from: './src/core', message: 'the webview only shares src/protocol' },
            ...layerZones,
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'NewExpression[callee.name="Promise"] > :matches(ArrowFunctionExpression, FunctionExpression)[async=true]', message: 'new Promise(async …) hides rejections' },
        // The named or default import bundles every zod locale (350 KB more in the webview and the extension).
        { selector: 'ImportDeclaration[source.value="zod"] > :matches(ImportSpecifier, ImportDefaultSpecifier)', message: "write `import * as z from 'zod'`: esbuild then keeps only the parts used" },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/protocol/**/*.ts', 'media/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [vscodeBan] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // Files stay small enough to read in one sitting.
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
