// Owns the command line of `tandem acp`: the model and policy flags of `tandem exec` (--base-url,
// --model, --api, --approval, --sandbox, --env, --no-mcp…), without the ones about a single task's
// output, which an editor session has no use for.
import { DEFAULT_BASE_URL, parseArgs, type ExecOptions } from '../args';

export const ACP_HELP = `Usage: tandem acp [options]

Runs Tandem as an Agent Client Protocol agent on stdin/stdout for editors that host agents (Zed's
agent_servers, JetBrains, Neovim plugins). The editor starts it; nothing but the protocol goes to stdout.

Options (as for tandem exec):
  --base-url URL         OpenAI-compatible endpoint (default: $OPENAI_BASE_URL or ${DEFAULT_BASE_URL})
  --model M              model name (default: $TANDEM_MODEL)
  --api chat|responses   Chat Completions (default) or the Responses API
  --approval MODE        the starting mode: suggest (default), auto-edit, full-auto (the editor can switch)
  --mode act|plan        start in plan mode (read-only)
  --max-steps N, --retry-timeout S, --test-command CMD, --vision auto|on|off
  --sandbox MODE, --sandbox-network, --env NAME[=VALUE], --no-mcp, --enable-mcp NAME
`;

const NOT_FOR_ACP = ['--json', '--output-last-message', '--output-schema', '--image', '--attempts', '--parallel', '--models', '--test-timeout', '--cwd'];

export type AcpArgs = { kind: 'help' } | { kind: 'error'; message: string } | { kind: 'acp'; options: ExecOptions };

export function parseAcpArgs(argv: string[], env: NodeJS.ProcessEnv, cwd: string): AcpArgs {
  if (argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  const misplaced = argv.find((a) => NOT_FOR_ACP.includes(a.split('=')[0]));
  if (misplaced) return { kind: 'error', message: `${misplaced.split('=')[0]} does not apply to tandem acp (the editor gives the workspace and shows the answer). See tandem acp --help.` };
  // The exec parser checks every shared flag; a stand-in task marks where the options end.
  const parsed = parseArgs(['exec', ...argv, '--', '\u0000acp'], env, cwd, false);
  if (parsed.kind === 'error') return { kind: 'error', message: parsed.message.replace('tandem --help', 'tandem acp --help') };
  if (parsed.kind !== 'exec') return { kind: 'help' };
  if (parsed.options.task !== '\u0000acp') return { kind: 'error', message: `tandem acp takes no task (got "${parsed.options.task.replace('\u0000acp', '').trim()}"): the editor sends the prompts.` };
  return { kind: 'acp', options: parsed.options };
}
