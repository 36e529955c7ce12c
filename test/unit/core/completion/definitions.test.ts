// Definitions of what the cursor uses, from files that are not open: the import reader against a real
// temp folder, and the engine putting them into the prompt (time-boxed, secret files left out,
// key-like strings redacted) against a real HTTP server.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lineSourceOf } from '../../../../src/core/completion/windows';
import { CompletionEngine } from '../../../../src/core/completion/engine';
import { candidatePaths, ImportDefinitions, parseImports, type SourceReader } from '../../../../src/core/completion/importDefinitions';
import type { Snippet } from '../../../../src/core/completion/templates';
import type { CompletionConfig, CompletionDocument } from '../../../../src/core/completion/types';
import { PathRules } from '../../../../src/core/policy/pathRules';
import { ModelServer } from '../../../fixtures/modelServer';
import { completionStream } from '../../../fixtures/replies';

function doc(textWithCursor: string, relativePath = 'src/app.ts', languageId = 'typescript') {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const before = text.slice(0, offset).split('\n');
  const src = lineSourceOf(text);
  const document: CompletionDocument = { lineAt: src.lineAt, lineCount: src.lineCount, uri: `file:///w/${relativePath}`, relativePath, languageId, version: 1 };
  return { document, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** Reads a real folder; counts reads. */
function folderReader(root: string): SourceReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async read(rel) {
      try {
        const full = path.join(root, rel);
        const [text, stat] = await Promise.all([fs.readFile(full, 'utf8'), fs.stat(full)]);
        reads.push(rel);
        return { text, version: stat.mtimeMs };
      } catch {
        return undefined;
      }
    },
  };
}

describe('definitions from imported files', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-defs-'));
    await fs.mkdir(path.join(root, 'src/lib'), { recursive: true });
    await fs.writeFile(path.join(root, 'src/lib/geometry.ts'), '// geometry\nexport function rectangleArea(width: number, height: number): number {\n  return width * height;\n}\nexport interface Box {\n  width: number;\n  height: number;\n}\n');
    await fs.writeFile(path.join(root, 'src/lib/secrets.ts'), "export const apiKey = 'sk-proj-AbCdEf0123456789AbCdEf0123456789';\n");
    await fs.writeFile(path.join(root, 'src/lib/config.ts'), "export function connect(url: string, key = 'sk-proj-ZyXwVu0123456789ZyXwVu0123456789') {\n  return url;\n}\n");
    await fs.writeFile(path.join(root, '.env'), 'export function leak(secret: string) {}\n');
    await fs.mkdir(path.join(root, 'pkg'), { recursive: true });
    await fs.writeFile(path.join(root, 'pkg/shapes.py'), 'def circle_area(radius: float) -> float:\n    return 3.14 * radius ** 2\n');
  });
  after(() => fs.rm(root, { recursive: true, force: true }));

  it('parses the imports of TypeScript, CommonJS and Python', () => {
    assert.deepEqual(parseImports("import { a, b as c } from './x';\nimport d, * as e from '../y.js';\nconst { f } = require('./z');", 'typescript'), [
      { local: 'a', exported: 'a', module: './x' },
      { local: 'c', exported: 'b', module: './x' },
      { local: 'd', exported: 'd', module: '../y.js' },
      { local: 'e', exported: '*', module: '../y.js' },
      { local: 'f', exported: 'f', module: './z' },
    ]);
    assert.deepEqual(parseImports('from .shapes import circle_area, square as sq', 'python'), [
      { local: 'circle_area', exported: 'circle_area', module: '.shapes' },
      { local: 'sq', exported: 'square', module: '.shapes' },
    ]);
    assert.ok(candidatePaths('src/app.ts', './lib/geometry.js', 'typescript').includes('src/lib/geometry.ts'));
    assert.deepEqual(candidatePaths('src/app.ts', 'lodash', 'typescript'), [], 'packages are not workspace files');
  });

  it('reads the signature of an imported function used at the cursor, once per file version', async () => {
    const reader = folderReader(root);
    const defs = new ImportDefinitions(reader);
    const d = doc("import { rectangleArea, Box } from './lib/geometry';\n\nconst total = rectangleArea(|");
    const out = await defs.snippets(d.document, d.position, new AbortController().signal);
    assert.deepEqual(out, [{ relativePath: 'src/lib/geometry.ts', text: 'export function rectangleArea(width: number, height: number): number { … }' }]);
    await defs.snippets(d.document, d.position, new AbortController().signal);
    assert.equal(reader.reads.filter((r) => r === 'src/lib/geometry.ts').length, 1, 'read once while fresh');
  });

  it('reads a Python import relative to the file', async () => {
    const defs = new ImportDefinitions(folderReader(root));
    const d = doc('from .shapes import circle_area\n\nx = circle_area(|', 'pkg/main.py', 'python');
    const out = await defs.snippets(d.document, d.position, new AbortController().signal);
    assert.equal(out[0]?.text, 'def circle_area(radius: float) -> float:');
  });

  describe('in the engine', () => {
    let server: ModelServer;
    let config: CompletionConfig;
    beforeEach(async () => {
      server = await ModelServer.start();
      server.onRequest('/v1/completions', () => completionStream('10, 20);'));
      config = { enabled: true, baseUrl: server.url, model: 'test-model', api: 'completions', debounceMs: 0, maxTokens: 64, disabledLanguages: [], timeoutMs: 10_000 };
    });
    afterEach(() => server.close());

    it('puts the signature of a closed file into the FIM prompt', async () => {
      const defs = new ImportDefinitions(folderReader(root));
      const engine = new CompletionEngine({ config: () => config, definitions: defs });
      const d = doc("import { rectangleArea } from './lib/geometry';\n\nconst total = rectangleArea(|");
      // A file is read from disk once, in the background of an earlier keystroke; later requests find it ready.
      await defs.snippets(d.document, d.position, new AbortController().signal);
      await engine.provide({ ...d, signal: new AbortController().signal });
      engine.dispose();
      assert.match(server.requests[0].body.prompt, /\/\/ Path: src\/lib\/geometry\.ts\n\/\/ export function rectangleArea\(width: number, height: number\): number/);
    });

    it('never waits for a slow source more than its time box: what is not ready is left out', async () => {
      let resolveSlow: (s: Snippet[]) => void = () => undefined;
      const slow = { snippets: () => new Promise<Snippet[]>((r) => (resolveSlow = r)) };
      const engine = new CompletionEngine({ config: () => config, definitions: slow });
      const d = doc('const total = compute(|');
      await engine.provide({ ...d, signal: new AbortController().signal });
      assert.equal(server.requests.length, 1, 'the request left while the source was still working');
      resolveSlow([{ relativePath: 'late.ts', text: 'function late() {}' }]);
      assert.doesNotMatch(server.requests[0].body.prompt, /late/);
      engine.dispose();
    });

    it('leaves out secret files and redacts keys in definitions', async () => {
      const rules = new PathRules();
      const reader = folderReader(root);
      const sources = {
        snippets: async (): Promise<Snippet[]> => [
          { relativePath: '.env', text: 'export function leak(secret: string) {}' },
          { relativePath: 'src/lib/config.ts', text: "export function connect(url: string, key = 'sk-proj-ZyXwVu0123456789ZyXwVu0123456789') {" },
        ],
      };
      const engine = new CompletionEngine({ config: () => config, definitions: sources, secrets: () => rules });
      await engine.provide({ ...doc('connect(|'), signal: new AbortController().signal });
      const prompt: string = server.requests[0].body.prompt;
      assert.doesNotMatch(prompt, /leak/);
      assert.match(prompt, /export function connect/);
      assert.doesNotMatch(prompt, /ZyXwVu/);
      // The import reader does not even read a secret file.
      const defs = new ImportDefinitions(reader, (p) => rules.isSecret(p));
      const d = doc("import { leak } from '../.env';\nleak(|", 'src/app.ts');
      assert.deepEqual(await defs.snippets(d.document, d.position, new AbortController().signal), []);
      assert.ok(!reader.reads.includes('.env'));
      engine.dispose();
    });
  });
});
