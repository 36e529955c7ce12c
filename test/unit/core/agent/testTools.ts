// A small real tool set for loop tests (temp workspace on disk, real child processes), standing in
// for the registry where a test needs precise control. Validation follows the ToolSet contract:
// unknown names, bad JSON and schema violations come back as error results.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as z from 'zod';
import { ModelServer } from '../../../fixtures/modelServer';
import type { ToolSpec } from '../../../../src/core/llm/provider';
import type { ToolSet } from '../../../../src/core/agent/toolRuntime';
import type { ToolContext, ToolResult } from '../../../../src/core/tools/types';

type Impl = (args: any, ctx: ToolContext, signal: AbortSignal) => Promise<ToolResult>; // eslint-disable-line @typescript-eslint/no-explicit-any -- per-tool args

interface TestTool {
  description: string;
  schema: z.ZodType;
  run: Impl;
}

export interface Invocation {
  name: string;
  args: unknown;
  id: string;
}

export async function tempWorkspace(files: Record<string, string> = {}): Promise<string> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-agent-')));
  for (const [p, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, p)), { recursive: true });
    await fs.writeFile(path.join(root, p), text);
  }
  return root;
}

function runCommand(command: string, cwd: string, signal: AbortSignal, onOutput?: (s: string) => void): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      onOutput?.(b.toString());
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    signal.addEventListener('abort', kill, { once: true });
    child.on('close', (code, sig) => {
      signal.removeEventListener('abort', kill);
      resolve({ output: `exit ${code ?? sig}\n${out}`, isError: code !== 0, meta: { exitCode: code, signal: sig } });
    });
  });
}

export function testToolSet(invocations: Invocation[] = []): ToolSet {
  const tools: Record<string, TestTool> = {
    read_file: {
      description: 'Reads a file',
      schema: z.object({ path: z.string() }),
      run: async (a: { path: string }, ctx) => ({ output: await fs.readFile(path.join(ctx.workspaceRoot, a.path), 'utf8') }),
    },
    write_file: {
      description: 'Writes a file',
      schema: z.object({ path: z.string(), content: z.string() }),
      run: async (a: { path: string; content: string }, ctx, signal) => {
        const d = await ctx.approver.request({ type: 'edit', toolCallId: ctx.toolCallId, changes: [{ id: ctx.toolCallId, path: a.path, kind: 'update', newText: a.content, diff: '', added: 0, removed: 0 }] }, signal);
        if (!d.approved) return { output: `Not applied: ${d.reason ?? 'refused'}`, isError: true };
        await fs.writeFile(path.join(ctx.workspaceRoot, a.path), a.content);
        return { output: `Wrote ${a.path}` };
      },
    },
    run_command: {
      description: 'Runs a shell command',
      schema: z.object({ command: z.string() }),
      run: (a: { command: string }, ctx, signal) => runCommand(a.command, ctx.workspaceRoot, signal, ctx.onOutput),
    },
  };
  return {
    specs: Object.entries(tools).map(([name, t]): ToolSpec => ({ type: 'function', function: { name, description: t.description, parameters: z.toJSONSchema(t.schema) as Record<string, unknown> } })),
    async invoke(name, rawArgs, ctx, signal) {
      const tool = tools[name];
      if (!tool) return { output: `Unknown tool "${name}". Available tools: ${Object.keys(tools).join(', ')}.`, isError: true };
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawArgs || '{}');
      } catch {
        return { output: `The arguments of ${name} are not valid JSON. Send one JSON object.`, isError: true };
      }
      const checked = tool.schema.safeParse(parsed);
      if (!checked.success) return { output: `Invalid arguments for ${name}: ${checked.error.message}`, isError: true };
      invocations.push({ name, args: checked.data, id: ctx.toolCallId });
      return tool.run(checked.data, ctx, signal);
    },
  };
}

/**
 * Registers beforeEach/afterEach hooks that start a scripted model server and a temp workspace with
 * `files` for each test, hand both to `set`, and close and remove them afterwards.
 */
export function useServerAndWorkspace(files: Record<string, string>, set: (server: ModelServer, root: string) => void): void {
  let server: ModelServer | undefined;
  let root: string | undefined;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace(files);
    set(server, root);
  });
  afterEach(async () => {
    await server?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });
}
