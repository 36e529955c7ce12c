// OpenAI's Codex CLI on the same scripted 3-request task as bench/execTask.ts: installed from npm
// beside the project (never in it: `cd /tmp/codex && npm install @openai/codex`, or $TANDEM_CODEX_BIN),
// pointed at the same scripted server through a model provider with the Responses API (Codex speaks
// only that), in a private CODEX_HOME. Its task: `cat` the file (exec_command), apply_patch through
// exec_command (Codex intercepts it), answer. Two rows: sandbox bypassed, and --full-auto (its own
// Linux sandbox) when that runs here.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelServer, Reply } from '../test/fixtures/modelServer';
import { timed, type Sample } from './timing';

export interface Peer {
  rows: Array<{ name: string; once: (i: number) => Promise<Sample> }>;
  note?: string;
}

const ev = (type: string, rest: object) => ({ event: type, data: { type, ...rest } });
let n = 0;

function responseStream(item: object): Reply {
  const id = `resp_${++n}`;
  return {
    kind: 'stream',
    done: false,
    events: [
      ev('response.created', { response: { id } }),
      ev('response.output_item.done', { item }),
      ev('response.completed', { response: { id, usage: { input_tokens: 10, input_tokens_details: null, output_tokens: 5, output_tokens_details: null, total_tokens: 15 } } }),
    ],
  };
}

const call = (cmd: string) => responseStream({ type: 'function_call', id: `fc_${++n}`, call_id: `call_${n}`, name: 'exec_command', arguments: JSON.stringify({ cmd }) });
const PATCH = "apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: src/app.ts\n@@\n-  return 'Hello ' + name + f1(1);\n+  return `Hello ${name}` + f1(1);\n*** End Patch\nEOF\n";

function enqueueCodex(server: ModelServer): void {
  server.enqueue(
    '/v1/responses',
    call('cat src/app.ts'),
    call(PATCH),
    responseStream({ type: 'message', role: 'assistant', id: `msg_${++n}`, content: [{ type: 'output_text', text: 'Changed greet to use a template literal.' }] }),
  );
}

export function codexBinary(): string | undefined {
  const candidates = [process.env.TANDEM_CODEX_BIN, '/tmp/codex/node_modules/.bin/codex'].filter((c): c is string => !!c);
  return candidates.find((c) => existsSync(c));
}

/** Codex rows for the bench, or undefined when Codex is not installed beside the project. */
export async function codexPeer(server: ModelServer, scratch: string): Promise<Peer | undefined> {
  const bin = codexBinary();
  if (!bin) return undefined;
  // Not under /tmp's top level: Codex refuses to put its helper binaries in a temporary CODEX_HOME there.
  const home = join(scratch, 'codex-home');
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, CODEX_HOME: home, OPENAI_API_KEY: 'sk-bench' };
  const args = (root: string, sandbox: string[]) => [
    'exec', '--skip-git-repo-check', ...sandbox, '-m', 'bench-model', '-c', 'model_provider="bench"',
    '-c', `model_providers.bench={ name="bench", base_url="${server.url}", wire_api="responses", env_key="OPENAI_API_KEY" }`,
    '-C', root, 'Make greet in src/app.ts use a template literal.',
  ];
  const once = async (i: number, sandbox: string[], tag: number) => {
    enqueueCodex(server);
    const root = join(scratch, `codex-ws-${i}-${tag}`);
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"name":"demo"}\n');
    for (let k = 0; k < 20; k++) writeFileSync(join(root, 'src', `mod${k}.ts`), `export function f${k}(x: number): number {\n  return x + ${k};\n}\n`);
    writeFileSync(join(root, 'src', 'app.ts'), "import { f1 } from './mod1';\n\nexport function greet(name: string): string {\n  return 'Hello ' + name + f1(1);\n}\n");
    const r = await timed(server, bin, args(root, sandbox), env, root);
    const edited = readFileSync(join(root, 'src', 'app.ts'), 'utf8').includes('`Hello ${name}`');
    return { ...r, edited };
  };
  // Check each mode once: a row that cannot do the task here is left out, with the reason.
  const notes: string[] = [];
  const rows: Peer['rows'] = [];
  for (const [name, sandbox, tag] of [
    ['codex exec (sandbox bypassed)', ['--dangerously-bypass-approvals-and-sandbox'], 1],
    ['codex exec --sandbox workspace-write (its sandbox; 0.171 has no --full-auto)', ['--sandbox', 'workspace-write'], 2],
  ] as Array<[string, string[], number]>) {
    const probe = await once(-1, sandbox, tag);
    server.reset(); // what a failed run left queued
    if (probe.code !== 0 || !probe.edited) {
      notes.push(`${name}: not measured — it did not finish the task here (exit ${probe.code}, file ${probe.edited ? 'edited' : 'not edited'}): ${probe.stderr.trim().split('\n').slice(-2).join(' / ').slice(0, 300)}`);
      continue;
    }
    rows.push({ name, once: (i) => once(i, sandbox, tag) });
  }
  return { rows, ...(notes.length ? { note: notes.join('\n') } : {}) };
}
