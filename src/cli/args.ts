// Owns the command line of `tandem`: parsing, defaults from the environment and the help text.
// Errors are sentences that say what is wrong and what to type instead.
import type { ChatApi } from '../core/agent/modelProvider';
import type { ToolContext } from '../core/tools/types';
import { AGENT_MODES, type AgentMode } from '../core/agent/modes';
import { EXIT_CODES_HELP } from './exitCodes';
import { SANDBOX_MODES, type SandboxMode } from '../core/sandbox/bwrapArgs';
import { envEntryProblems } from '../core/sandbox/childEnv';
import { MAX_IMAGES, type VisionSetting } from '../core/context/images';
import { ATTEMPT_FLAGS, ATTEMPTS_HELP, parseAttemptOptions, type AttemptOptions } from './attemptArgs';
import { TOOL_CALLING_MODES, type ToolCallingMode } from '../core/llm/toolCallingMode';
import type { ReviewWhen } from '../core/review/when';
import { parseReviewerFlags, REVIEWER_FLAGS, REVIEWER_HELP } from './reviewerArgs';

export type ApprovalMode = ToolContext['approvalMode'];

export interface ExecOptions {
  task: string;
  baseUrl: string;
  model: string;
  approval: ApprovalMode;
  cwd: string;
  json: boolean;
  maxSteps?: number;
  api: ChatApi;
  /** Use MCP servers from ~/.codex/config.toml and .vscode/mcp.json (default true). */
  mcp: boolean;
  /** Workspace-defined MCP servers to enable (their current definition is remembered). */
  enableMcp: string[];
  /** The task is read from stdin (the task was `-`, kept as task, or absent with stdin piped). */
  taskFromStdin: boolean;
  /** How long model calls may keep failing (429, 5xx, connection errors) before the task gives up. */
  retryTimeoutMs: number;
  /** Write the final answer to this file (relative to the directory tandem was started in). */
  outputLastMessage?: string;
  /** JSON Schema file the final answer must match. */
  outputSchema?: string;
  /** Where commands run: workspace-write (default), read-only or off. */
  sandbox: SandboxMode;
  /** Let sandboxed commands reach the network. */
  sandboxNetwork: boolean;
  /** --sandbox-read DIR (repeatable): folders outside the workspace sandboxed commands may read. */
  sandboxRead: string[];
  /** --env: variables passed to commands by name, or NAME=value. */
  commandEnv: string[];
  /** --mode plan: read-only tools, the answer is a plan (default act). */
  mode: AgentMode;
  /** --image: image files sent with the task (relative to the directory tandem was started in). */
  images: string[];
  /** --vision: whether the model takes images (auto: by its name). */
  vision: VisionSetting;
  /** --test-command: verifies attempts and is told to the agent (default: detected). */
  testCommand?: string;
  /** Best of k (--attempts, --models, …); undefined: one run in the workspace itself. */
  attempts?: AttemptOptions;
  /** Only these tools (a prompt file's `tools:`); undefined: every tool. */
  tools?: string[];
  /** --no-hooks: run no hooks at all (default: the user's hooks.json, and the workspace's once enabled). */
  hooks?: boolean;
  /** --enable-hooks: allow the workspace's .tandem/hooks.json as it is now (remembered until it changes). */
  enableHooks?: boolean;
  /** --tool-calling: native API tools, tools as text in the prompt, or auto (default). */
  toolCalling?: ToolCallingMode;
  /** --review-model ($TANDEM_REVIEW_MODEL): the model reviewer; absent: none. */
  reviewModel?: string;
  /** --review-when: off, high-risk (default) or always. */
  reviewWhen?: ReviewWhen;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'exec'; options: ExecOptions } | { kind: 'error'; message: string };

export const DEFAULT_BASE_URL = 'http://localhost:11434/v1';

export const DEFAULT_RETRY_TIMEOUT_S = 60;

export const HELP = `Usage: tandem exec [options] "task"
       git diff | tandem exec [options] "task"   (piped input is added to the task)
       tandem exec [options] - < task.md          (the task is read from stdin)
       tandem audit verify|export [--format md|csv] [--file PATH] [--cwd DIR]
       tandem checkpoints [--cwd DIR] [--json]      list the workspace's checkpoints, newest first
       tandem restore ID [--cwd DIR] [--yes]        put the files back as they were at checkpoint ID
       tandem guard [--format text|json|sarif] [--fail-on high|medium|low|none] [--output FILE] [PATHS...]
       tandem eval [--models A,B] [--attempts K] [--shard I/N] [--json] DIR   pass@k over a folder of tasks
       tandem review [--base REF] [--head REF] [--format text|json|sarif|markdown] [PATHS...]   guard + model review of a diff
       tandem fix [--attempts K] [--test-command CMD] [--shard I/N] [--json] [PATHS...]   patch the guard's findings, verified
       tandem acp [options]                         an Agent Client Protocol agent on stdio (Zed, JetBrains…)

Runs one agent task in a workspace without an editor: the answer streams to stdout, tool steps to stderr.
A task "/NAME args" runs the custom command NAME (.tandem/commands/NAME.md, .github/prompts/NAME.prompt.md
or ~/.config/tandem/commands/NAME.md) with the arguments put in; "//text" sends "/text" as it is.

Options:
  --base-url URL         OpenAI-compatible endpoint (default: $OPENAI_BASE_URL or ${DEFAULT_BASE_URL})
  --model M              model name (default: $TANDEM_MODEL)
  --approval MODE        suggest (ask for every edit and command; default), auto-edit, full-auto
  --cwd DIR              workspace root (default: the current directory)
  --json                 print one JSON event per line instead of text
  --max-steps N          model calls before the task stops (default 50)
  --mode act|plan        plan: read-only tools only, the agent answers with a plan (update_plan
                         events with --json); act (default): edits and commands as --approval allows
  --api chat|responses   Chat Completions (default) or the Responses API
  --no-mcp               do not start MCP servers
  --enable-mcp NAME      allow the workspace's MCP server NAME (.vscode/mcp.json) to start; remembered
                         until its definition changes (repeatable)
  --retry-timeout S      keep retrying a failing model server (429, 5xx, unreachable) for at most S
                         seconds in all, then exit 1 (default ${DEFAULT_RETRY_TIMEOUT_S}; 0 = no retries)
  --output-last-message FILE
                         also write the final answer to FILE (written even when empty)
  --output-schema FILE   the final answer must be JSON valid against the JSON Schema in FILE; one repair
                         turn if it is not, then exit 1 with the validation errors
  --sandbox MODE         where commands run (Linux, bubblewrap): workspace-write (default: the
                         workspace and a private /tmp writable, the rest read-only), read-only, off
  --sandbox-network      let sandboxed commands reach the network (default: no network)
  --sandbox-read DIR     let sandboxed commands read DIR outside the workspace (repeatable; besides
                         system folders and toolchain homes; credential stores stay hidden)
  --env NAME[=VALUE]     pass the variable NAME to commands (they get only PATH, HOME, LANG and other
                         harmless variables otherwise), or set it to VALUE (repeatable)
  --image FILE           send the image FILE (PNG, JPEG, WebP or GIF, at most 5 MB) with the task
                         (repeatable, up to 8); the model must accept images
  --vision auto|on|off   whether the model accepts images (default auto: known from its name)
  --tool-calling MODE    auto (default: native tools; when the server refuses them, tools described in
                         the prompt and read from <tool_call> blocks), native, or text
${REVIEWER_HELP}
  --enable-hooks         run the workspace's hooks (.tandem/hooks.json) as the file is now; remembered
                         until it changes (the user's ~/.config/tandem/hooks.json always run)
  --no-hooks             run no hooks
  -h, --help             show this help
  --version              print the version

${ATTEMPTS_HELP}
The API key is read from $OPENAI_API_KEY (local servers need none). Piped stdin (not a terminal) is
read up to 256 KB; when nothing arrives within $TANDEM_STDIN_WAIT_MS (default 2000) it is ignored.
Approvals need a terminal: with stdin piped or no TTY, suggest mode applies nothing (exit 4).

tandem guard scans files for insecure code (SARIF for GitHub code scanning); see tandem guard --help.

${EXIT_CODES_HELP}`;

const APPROVALS: readonly ApprovalMode[] = ['suggest', 'auto-edit', 'full-auto'];
const APIS: readonly ChatApi[] = ['chat', 'responses'];
const VISION: readonly VisionSetting[] = ['auto', 'on', 'off'];
const VALUE_FLAGS = new Set(['--base-url', '--model', '--approval', '--cwd', '--max-steps', '--api', '--retry-timeout', '--output-last-message', '--output-schema', '--sandbox', '--mode', '--vision', '--test-command', '--tool-calling', ...REVIEWER_FLAGS, ...ATTEMPT_FLAGS]);

/** `stdinPiped`: stdin is not a terminal, so a task of `-` (or none) is read from it. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd(), stdinPiped = false): ParsedArgs {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { kind: 'help' };
  if (argv[0] === '--version') return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'exec') return { kind: 'error', message: `Unknown command "${command}". Use: tandem exec [options] "task", tandem guard [PATHS...], tandem audit verify|export, tandem checkpoints, tandem restore ID, tandem eval DIR, tandem review, tandem fix or tandem acp (see tandem --help).` };

  const values = new Map<string, string>();
  let json = false;
  let mcp = true;
  let sandboxNetwork = false;
  let hooks = true;
  let enableHooks = false;
  const sandboxRead: string[] = [];
  const commandEnv: string[] = [];
  const enableMcp: string[] = [];
  const images: string[] = [];
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (arg === '--no-mcp') {
      mcp = false;
      continue;
    }
    if (arg === '--env' || arg.startsWith('--env=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (!value) return { kind: 'error', message: '--env needs NAME or NAME=value (see tandem --help).' };
      const problems = envEntryProblems([value]);
      if (problems.length) return { kind: 'error', message: `--env ${problems[0]}` };
      commandEnv.push(value);
      continue;
    }
    if (arg === '--image' || arg.startsWith('--image=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (!value) return { kind: 'error', message: '--image needs a file name (see tandem --help).' };
      images.push(value);
      continue;
    }
    if (arg === '--no-hooks' || arg === '--enable-hooks') {
      if (arg === '--no-hooks') hooks = false;
      else enableHooks = true;
      continue;
    }
    if (arg === '--sandbox-read' || arg.startsWith('--sandbox-read=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (!value) return { kind: 'error', message: '--sandbox-read needs a folder (see tandem --help).' };
      sandboxRead.push(value);
      continue;
    }
    if (arg === '--sandbox-network') {
      sandboxNetwork = true;
      continue;
    }
    if (arg === '--enable-mcp' || arg.startsWith('--enable-mcp=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (!value) return { kind: 'error', message: '--enable-mcp needs a server name (see tandem --help).' };
      enableMcp.push(value);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value (see tandem --help).` };
      values.set(flag, value);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'error', message: `Unknown option ${flag}. See tandem --help for the options.` };
    positional.push(arg);
  }

  const task = positional.join(' ').trim();
  const taskFromStdin = task === '-' || (!task && stdinPiped);
  if (task === '-' && !stdinPiped) return { kind: 'error', message: 'The task "-" means "read it from stdin", but stdin is a terminal. Pipe the task in (tandem exec - < task.md) or pass it as an argument.' };
  if (!task && !taskFromStdin) return { kind: 'error', message: 'No task given. Example: tandem exec "add a test for parseArgs"' };

  const approval = values.get('--approval') ?? 'suggest';
  if (!APPROVALS.includes(approval as ApprovalMode)) return { kind: 'error', message: `--approval must be one of ${APPROVALS.join(', ')}; got "${approval}".` };
  const sandbox = values.get('--sandbox') ?? 'workspace-write';
  if (!SANDBOX_MODES.includes(sandbox as SandboxMode)) return { kind: 'error', message: `--sandbox must be one of ${SANDBOX_MODES.join(', ')}; got "${sandbox}".` };
  const mode = values.get('--mode') ?? 'act';
  if (!AGENT_MODES.includes(mode as AgentMode)) return { kind: 'error', message: `--mode must be act or plan; got "${mode}".` };
  const api = values.get('--api') ?? 'chat';
  if (!APIS.includes(api as ChatApi)) return { kind: 'error', message: `--api must be chat or responses; got "${api}".` };

  let maxSteps: number | undefined;
  if (values.has('--max-steps')) {
    const raw = values.get('--max-steps')!;
    maxSteps = Number(raw);
    if (!/^\d+$/.test(raw) || maxSteps < 1) return { kind: 'error', message: `--max-steps must be a whole number of at least 1; got "${raw}".` };
  }

  let retryTimeoutMs = DEFAULT_RETRY_TIMEOUT_S * 1000;
  if (values.has('--retry-timeout')) {
    const raw = values.get('--retry-timeout')!;
    if (!/^\d+(\.\d+)?$/.test(raw)) return { kind: 'error', message: `--retry-timeout must be a number of seconds (0 or more); got "${raw}".` };
    retryTimeoutMs = Math.round(Number(raw) * 1000);
  }

  const baseUrl = values.get('--base-url') ?? env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL;
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    return { kind: 'error', message: `--base-url must be an http(s) URL such as ${DEFAULT_BASE_URL}; got "${baseUrl}".` };
  }

  const vision = values.get('--vision') ?? 'auto';
  if (!VISION.includes(vision as VisionSetting)) return { kind: 'error', message: `--vision must be auto, on or off; got "${vision}".` };
  if (images.length > MAX_IMAGES) return { kind: 'error', message: `At most ${MAX_IMAGES} --image files can be sent with one task; got ${images.length}.` };

  const toolCalling = values.get('--tool-calling') ?? 'auto';
  if (!TOOL_CALLING_MODES.includes(toolCalling as ToolCallingMode)) return { kind: 'error', message: `--tool-calling must be auto, native or text; got "${toolCalling}".` };
  if (!hooks && enableHooks) return { kind: 'error', message: '--enable-hooks and --no-hooks contradict each other; pass one of them.' };

  const reviewer = parseReviewerFlags(values, env);
  if (typeof reviewer === 'string') return { kind: 'error', message: reviewer };

  const attempts = parseAttemptOptions(values);
  if (typeof attempts === 'string') return { kind: 'error', message: attempts };

  // --models names the attempts' models: the first one is then the task's model, nothing else is needed.
  const model = values.get('--model') ?? env.TANDEM_MODEL ?? attempts?.models[0]?.model;
  if (!model) return { kind: 'error', message: 'No model given. Pass --model NAME (for example --model qwen2.5-coder:7b), --models A,B with --attempts, or set TANDEM_MODEL.' };

  return {
    kind: 'exec',
    options: {
      task,
      baseUrl,
      model,
      approval: approval as ApprovalMode,
      cwd: values.get('--cwd') ?? cwd,
      json,
      api: api as ChatApi,
      mcp,
      enableMcp,
      taskFromStdin,
      retryTimeoutMs,
      sandbox: sandbox as SandboxMode,
      sandboxNetwork,
      sandboxRead,
      commandEnv,
      mode: mode as AgentMode,
      images,
      vision: vision as VisionSetting,
      ...(maxSteps ? { maxSteps } : {}),
      ...(values.has('--test-command') ? { testCommand: values.get('--test-command') } : {}),
      ...(attempts ? { attempts } : {}),
      ...(hooks ? {} : { hooks: false }),
      ...(enableHooks ? { enableHooks } : {}),
      ...(toolCalling !== 'auto' ? { toolCalling: toolCalling as ToolCallingMode } : {}),
      ...(reviewer.reviewModel ? reviewer : {}),
      ...(values.has('--output-last-message') ? { outputLastMessage: values.get('--output-last-message') } : {}),
      ...(values.has('--output-schema') ? { outputSchema: values.get('--output-schema') } : {}),
    },
  };
}
