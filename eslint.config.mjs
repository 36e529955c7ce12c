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

// Inside src/core, layers from the bottom up: util < syntax < llm, policy < guard < the rest (tools,
// edits, mcp, completion, audit, agent). A lower layer never imports a higher one, so the rules that
// decide what may run (policy) cannot depend on the code they judge (tools).
const HIGHER = ['agent', 'tools', 'mcp', 'completion', 'edits', 'audit'];
const layerZones = [
  ...['policy', 'llm', 'syntax', 'util'].flatMap((lower) =>
    [...HIGHER, 'guard'].map((higher) => ({ target: `./src/core/${lower}`, from: `./src/core/${higher}`, message: `core/${lower} is a lower layer than core/${higher}: move the shared piece down (e.g. to core/util)` })),
  ),
  ...['policy', 'llm', 'syntax'].map((from) => ({ target: './src/core/util', from: `./src/core/${from}`, message: 'core/util is the lowest layer' })),
  ...['policy', 'llm'].map((from) => ({ target: './src/core/syntax', from: `./src/core/${from}`, message: 'core/syntax only loads parsers' })),
  // guard sits under the tools; it may use their shared types only.
  ...['agent', 'completion', 'edits', 'audit'].map((higher) => ({ target: './src/core/guard', from: `./src/core/${higher}`, message: `core/guard must not import core/${higher}` })),
  { target: './src/core/guard', from: './src/core/tools', except: ['./types.ts'], message: 'core/guard may import only the shared types of core/tools' },
  { target: './src/core/guard', from: './src/core/mcp', except: ['./connection.ts'], message: 'core/guard may import only the MCP connection type' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'test/fixtures/workspace/**', 'test/unit/core/edits/scenarios/**', 'test/fixtures/guard-corpus/**', 'src/core/guard/rules/*/examples/**', 'examples/eval/*/workspace/**'] },
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
