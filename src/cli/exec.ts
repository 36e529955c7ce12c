// Owns `tandem exec` once the arguments are parsed (loaded lazily by main.ts, bundled as
// dist/cliExec.js, so `tandem --help` never loads the agent, model clients, MCP or audit code):
// builds the provider, the core tool set and the approver, adds piped stdin to the task, runs the
// turn, checks --output-schema, writes --output-last-message and maps the ending onto the exit code.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Agent } from '../core/agent/agent';
import type { TurnResult } from '../core/agent/turn';
import { toolSetFrom } from '../core/agent/toolSet';
import { restrictTools } from '../core/commands/prepare';
import { builtinTools } from '../core/tools/registry';
import { createModelProvider } from '../core/agent/modelProvider';
import type { ImagePart, ModelProvider } from '../core/llm/provider';
import { acceptsImages } from '../core/context/images';
import { userAnchor } from '../core/audit/heads';
import { ledgerRecorder } from '../core/audit/recorder';
import { FileApplier } from '../core/edits/fileApplier';
import { Sandbox } from '../core/sandbox/sandbox';
import { warmGuard } from '../core/guard/warm';
import type { Tool } from '../core/tools/types';
import type { ExecOptions } from './args';
import { loadCliImages } from './images';
import { runBestOfK } from './attempts';
import { cliCheckpointStore } from './checkpoints';
import { cliErrorText } from './errorText';
import { EXIT, exitCodeFor } from './exitCodes';
import type { CliIo } from './io';
import { startCliMcp } from './mcp';
import { loadCliHooks } from './hooks';
import { cliReviewer } from './reviewer';
import type { HookEngine } from '../core/hooks/engine';
import { OutcomeTracker } from './outcome';
import { checkAnswer, loadOutputSchema, repairTask, schemaInstruction, type OutputSchema } from './outputSchema';
import { JsonRenderer, TextRenderer } from './render';
import { DEFAULT_STDIN_WAIT_MS, readPipedInput, STDIN_CAP_BYTES, taskWithPipedInput } from './stdin';
import { TerminalApprover } from './terminalApprover';
import { commandTask, withAttachedMentions } from './commandTask';
import { onRipgrepMissing } from '../core/tools/ripgrep';
import { registerSecretValue } from '../core/secrets/knownValues';

export { runCheckpoints, runRestore } from './checkpoints';
// The other commands are evaluated only when run: their modules (the ACP SDK's schemas, SARIF, eval
// and fix reports) would otherwise be built at every `tandem exec` start. esbuild keeps a bundled
// dynamic import lazy (the module initialises on first call).
export const runAudit: typeof import('./audit').runAudit = async (...a) => (await import('./audit')).runAudit(...a);
export const runGuard: typeof import('./guard').runGuard = async (...a) => (await import('./guard')).runGuard(...a);
export const runEval: typeof import('./eval').runEval = async (...a) => (await import('./eval')).runEval(...a);
export const runReview: typeof import('./review').runReview = async (...a) => (await import('./review')).runReview(...a);
export const runFix: typeof import('./fix').runFix = async (...a) => (await import('./fix')).runFix(...a);
export const runAcp: typeof import('./acp/server').runAcp = async (...a) => (await import('./acp/server')).runAcp(...a);

function providerFor(o: ExecOptions, env: NodeJS.ProcessEnv): ModelProvider {
  // The key goes to the HTTP client only; it is never printed (errors are redacted in core).
  const endpoint = { baseUrl: o.baseUrl, apiKey: env.OPENAI_API_KEY || undefined };
  registerSecretValue('API key', endpoint.apiKey);
  return createModelProvider(o.api, endpoint, { idleTimeoutMs: Number(env.TANDEM_IDLE_TIMEOUT_MS) || undefined });
}

async function workspaceRoot(dir: string): Promise<string> {
  const real = await fs.realpath(dir);
  if (!(await fs.stat(real)).isDirectory()) throw new Error('not a directory');
  return real;
}

/** The task as given, with piped stdin added (or read from stdin for `-`); a string on failure is the message. */
async function composeTask(o: ExecOptions, io: CliIo): Promise<{ task: string } | { error: string }> {
  if (!io.stdinPiped) return { task: o.task };
  const wait = Number(io.env.TANDEM_STDIN_WAIT_MS);
  // An explicit `-` waits for stdin to end; otherwise an open but silent stdin is given up on.
  const configured = io.env.TANDEM_STDIN_WAIT_MS !== undefined && Number.isFinite(wait) && wait >= 0 ? wait : undefined;
  const firstByteWaitMs = configured ?? (o.task === '-' ? undefined : DEFAULT_STDIN_WAIT_MS);
  if (o.task === '-') io.stderr.write('Reading the task from stdin…\n');
  const input = await readPipedInput(io.stdin, { firstByteWaitMs, ...(io.cancel ? { signal: io.cancel } : {}) });
  if (input?.truncated) io.stderr.write(`note: stdin is longer than ${STDIN_CAP_BYTES / 1024} KB; only its first ${STDIN_CAP_BYTES / 1024} KB were added to the task.\n`);
  if (o.taskFromStdin) {
    if (!input || !input.text.trim()) return { error: 'No task given: stdin was empty. Pipe the task in (tandem exec - < task.md) or pass it as an argument.' };
    return { task: taskWithPipedInput('Do the task described in the piped input.', input) };
  }
  return { task: input ? taskWithPipedInput(o.task, input) : o.task };
}

export async function runExec(given: ExecOptions, io: CliIo): Promise<number> {
  let root: string;
  try {
    root = await workspaceRoot(path.resolve(io.cwd, given.cwd));
  } catch {
    io.stderr.write(`error: --cwd ${given.cwd} is not a directory that exists.\n`);
    return EXIT.badArgs;
  }
  // "/name args": a custom command (prompt file) gives the task, and maybe its mode, model and tools.
  const invoked = await commandTask(given, root, io.env, io.stderr);
  if ('error' in invoked) {
    io.stderr.write(`error: ${invoked.error}\n`);
    return EXIT.badArgs;
  }
  const o = invoked.options;
  // Probed up front (cached on disk; run while stdin, images and the schema load) so the one warning
  // about a missing sandbox comes before the task, not mid-way.
  const sandbox = new Sandbox({ mode: o.sandbox, network: o.sandboxNetwork, readable: o.sandboxRead, probe: io.sandboxProbe, onUnavailable: (m) => io.stderr.write(`warning: ${m}\n`) });
  const probed = sandbox.status();
  probed.catch(() => undefined);
  let schema: OutputSchema | undefined;
  if (o.outputSchema) {
    const loaded = await loadOutputSchema(o.outputSchema, io.cwd);
    if (typeof loaded === 'string') {
      io.stderr.write(`error: ${loaded}\n`);
      return EXIT.badArgs;
    }
    schema = loaded;
  }
  const composed = await composeTask(o, io);
  if (io.cancel?.aborted) {
    io.stderr.write('Cancelled.\n');
    return EXIT.cancelled;
  }
  if ('error' in composed) {
    io.stderr.write(`error: ${composed.error}\n`);
    return EXIT.badArgs;
  }
  if (invoked.attach) composed.task = await withAttachedMentions(composed.task, o, root, io.env, io.stderr);
  const loaded = await loadCliImages(o.images ?? [], io.cwd, o.model, o.vision ?? 'auto');
  if ('error' in loaded) {
    io.stderr.write(`error: ${loaded.error}\n`);
    return EXIT.badArgs;
  }
  const approver = new TerminalApprover({ input: io.stdin, output: io.stderr, interactive: io.interactive });
  onRipgrepMissing((note) => io.stderr.write(`note: ${note}\n`)); // once, at the first search without rg
  const confined = (await probed).confined;
  // Best of k: every attempt in its own copy of the workspace (no MCP servers: they could reach outside it).
  const hooks = o.hooks === false ? undefined : await loadCliHooks(root, io.env, o.commandEnv, !!o.enableHooks, io.stderr);
  if (o.attempts) return runBestOfK(o, io, root, composed.task, sandbox, confined, hooks);
  const mcp = o.mcp ? await startCliMcp(root, io.env, o.enableMcp, io.stderr, sandbox) : { tools: [], dispose: async () => undefined };
  try {
    return await runAgent(o, io, root, approver, mcp.tools, composed.task, { sandbox, description: confined ? `bubblewrap: ${sandbox.describe()}` : 'none' }, schema, loaded.images, hooks);
  } finally {
    await mcp.dispose();
  }
}

/** Events a turn emits before its first request's answer starts (the guard warm-up waits for the others). */
const BEFORE_FIRST_ANSWER: ReadonlySet<string> = new Set(['turnStarted', 'step', 'hook']);

async function runAgent(o: ExecOptions, io: CliIo, root: string, approver: TerminalApprover, extraTools: Tool[], task: string, confinement: { sandbox: Sandbox; description: string }, schema?: OutputSchema, images: ImagePart[] = [], hooks?: HookEngine): Promise<number> {
  // Checkpoints after every change and command: `tandem restore` rewinds them (TANDEM_CHECKPOINTS=0 turns them off).
  const checkpoints = io.env.TANDEM_CHECKPOINTS === '0' ? undefined : cliCheckpointStore(io.env, root);
  const reviewer = cliReviewer(o, io.env);
  const agent = new Agent({
    provider: providerFor(o, io.env),
    model: o.model,
    workspaceRoot: root,
    tools: toolSetFrom(restrictTools([...builtinTools(), ...extraTools], o.tools).tools),
    approver,
    applier: new FileApplier(root),
    approvalMode: o.approval,
    allowedCommands: [],
    maxSteps: o.maxSteps,
    testCommand: o.testCommand ?? io.env.TANDEM_TEST_COMMAND,
    env: io.env,
    retry: { budgetMs: o.retryTimeoutMs },
    headless: true,
    canApprove: io.interactive,
    commandEnv: o.commandEnv,
    sandbox: confinement.sandbox,
    sandboxDescription: confinement.description,
    ...(schema ? { outputSchema: { name: 'output', schema: schema.schema } } : {}),
    // Lazily: a task that only reads takes none; an edit's one snapshot makes the turn start too.
    ...(checkpoints ? { checkpoints, lazyCheckpoints: true } : {}),
    ...(acceptsImages(o.model, o.vision ?? 'auto') ? { acceptsImages: true } : {}),
    ...(hooks ? { hooks } : {}),
    ...(o.toolCalling ? { toolCalling: o.toolCalling } : {}),
    // --review-model: a second opinion on each edit before it is shown or applied.
    ...(reviewer ? { reviewer } : {}),
    // Every applied change goes into the workspace's AI change log, as in the panel.
    recorder: io.env.TANDEM_AUDIT === '0' ? undefined : ledgerRecorder(path.join(root, '.tandem', 'ai-changes.jsonl'), { taskId: () => undefined, task: () => o.task, model: o.model, baseUrl: o.baseUrl, anchor: userAnchor(io.env), workspaceRoot: root }),
  });
  const renderer = o.json
    ? new JsonRenderer(io.stdout)
    : new TextRenderer(io.stdout, io.stderr, { formatError: (e) => cliErrorText(e, o.baseUrl, o.model), holdAnswer: !!schema });
  const outcome = new OutcomeTracker();
  // The guard's grammar loads once the first request is out (at the model's first answer event, so
  // it never delays that request), not after the first edit; what is left of the warm-up when the
  // task ends is skipped, so it never holds the exit.
  const warming = new AbortController();
  let warm: (() => void) | undefined = () => {
    warm = undefined;
    void warmGuard(root, warming.signal);
  };
  // The images go with the task's first message only (a repair turn is text).
  let firstImages = images.length ? images : undefined;
  const run = (text: string) =>
    agent.run(text, {
      ...(firstImages ? { input: { content: text, images: firstImages } } : {}),
      signal: io.cancel,
      mode: o.mode,
      onEvent: (e) => {
        outcome.observe(e);
        renderer.render(e);
        if (warm && !BEFORE_FIRST_ANSWER.has(e.type)) warm();
      },
    });
  let result: TurnResult = await run(schema ? `${task}${schemaInstruction(schema)}` : task);
  firstImages = undefined;
  let answer = result.reason === 'answer' ? result.text : '';
  let schemaFailure: string | undefined;
  if (schema && result.reason === 'answer') {
    let check = checkAnswer(schema, result.text);
    if (!check.ok) {
      io.stderr.write(`… The answer does not match ${schema.file} (${check.errors}); asking the model once to correct it.\n`);
      result = await run(repairTask(check.errors));
      answer = result.reason === 'answer' ? result.text : '';
      if (result.reason === 'answer') check = checkAnswer(schema, result.text);
    }
    if (check.ok) answer = check.json;
    else if (result.reason === 'answer') schemaFailure = check.errors;
    if (!o.json && check.ok) io.stdout.write(`${answer}\n`);
  }

  warming.abort();
  await checkpoints?.prune(Number(io.env.TANDEM_CHECKPOINT_DAYS) || 14).catch((err: Error) => io.stderr.write(`Old checkpoints could not be pruned: ${err.message}\n`));
  let code = schemaFailure ? EXIT.error : exitCodeFor(result.reason, outcome.notApplied);
  if (o.outputLastMessage && !(await writeLastMessage(o.outputLastMessage, answer, io))) code = code === EXIT.answer || code === EXIT.notApplied ? EXIT.error : code;
  if (!o.json) {
    if (schemaFailure) io.stderr.write(`error: The final answer does not match the --output-schema ${schema!.file}, even after one correction: ${schemaFailure}.\n`);
    if (approver.refusedWithoutTty > 0) {
      io.stderr.write(`${approver.refusedWithoutTty} change(s) or command(s) were not applied: no terminal was attached to approve them in ${o.approval} mode. Re-run in a terminal or with --approval auto-edit / full-auto.\n`);
    }
    for (const why of outcome.auditFailures) io.stderr.write(`error: changes were not applied because the AI change log could not record them: ${why}\n`);
    if (result.reason === 'stepLimit') io.stderr.write(`${result.message}\n`);
    if (outcome.protectedChanged.length) io.stderr.write(`warning: commands changed files that run later (on folder-open or the next git): ${outcome.protectedChanged.join(', ')}. Review them before opening the folder or running git (exit code 4).\n`);
    if (code === EXIT.notApplied) io.stderr.write(`${outcome.notApplied} proposed change(s) or command(s) were refused or not applied (exit code 4).\n`);
  } else if (schemaFailure) {
    io.stdout.write(`${JSON.stringify({ type: 'error', kind: 'outputSchema', message: `The final answer does not match the --output-schema ${schema!.file}: ${schemaFailure}.` })}\n`);
  }
  return code;
}

/** Writes the final answer, even when empty (as codex exec does), so a CI step can always read the file. */
async function writeLastMessage(file: string, answer: string, io: CliIo): Promise<boolean> {
  const abs = path.resolve(io.cwd, file);
  try {
    // Verbatim, as codex exec writes it: the file holds exactly the answer (or the checked JSON).
    await fs.writeFile(abs, answer);
    if (answer === '') io.stderr.write(`note: there was no final answer; wrote an empty ${file}.\n`);
    return true;
  } catch (err) {
    io.stderr.write(`error: Could not write the final answer to ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check that its folder exists and is writable.\n`);
    return false;
  }
}
