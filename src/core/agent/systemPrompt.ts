// Owns the agent's system prompt and the per-session environment message. The system prompt is a
// constant: byte-identical on every call (with the same tool list) so providers' prompt caching
// works; everything that varies (workspace, platform, date, test command, AGENTS.md) goes in the
// environment message that opens the conversation instead. How the agent runs (headless or in the
// editor, approval mode, sandbox) is fixed for an agent's life, so it is part of the system prompt,
// built once per agent by systemPrompt().
import type { Message } from '../llm/provider';
import type { ToolContext } from '../tools/types';

export const SYSTEM_PROMPT = `You are Tandem, a coding agent working inside the user's workspace through tools.

How to work:
- Understand before changing: read the relevant files (read_file, list_dir, find_files, search) before editing them.
- Make focused changes with edit_file, apply_patch or write_file. Paths are relative to the workspace root. Never touch files outside the workspace.
- Edits and commands may need the user's approval; if one is refused, do not retry the same thing — explain or try another way.
- After changing code, run the project's test command with run_command (see the environment message). If tests fail, read the failure, fix the cause and run them again until they pass or you are sure the failure is unrelated to your change.
- If a tool returns an error, read its message: it says how to fix the call.
- Keep going until the task is done, then answer with a short summary of what you changed and how you verified it. Do not ask for confirmation of routine steps.
- When project instructions (AGENTS.md) are given, follow them; instructions from a folder nearer to a file take precedence over those further up for that file.
- Answer in plain text; use Markdown code fences for code.`;

export interface RunMode {
  /** True for `tandem exec`: no editor, nobody watching; the final answer is the output. */
  headless: boolean;
  approvalMode: ToolContext['approvalMode'];
  /** Whether someone can answer approval requests (a terminal or the panel). Default: true unless headless. */
  canApprove?: boolean;
  /** How commands are sandboxed, in a few words (e.g. "bubblewrap, no network"); undefined or "none" when not. */
  sandbox?: string;
  /** The editor's language-server tools (go_to_definition, …) are among the tools. */
  languageTools?: boolean;
}

const APPROVAL_TEXT: Record<RunMode['approvalMode'], string> = {
  suggest: 'suggest: every edit and every command needs the user\'s approval before it happens.',
  'auto-edit': 'auto-edit: edits inside the workspace are applied without asking; commands need the user\'s approval.',
  'full-auto': 'full-auto: edits and commands run without asking; forbidden commands and protected paths are still refused.',
};

/**
 * The system prompt for one agent: the constant rules plus how this agent runs. Pure and
 * deterministic, so every call of a task sends the same bytes (prompt caching).
 */
export function systemPrompt(mode: RunMode): string {
  const canApprove = mode.canApprove ?? !mode.headless;
  const sandbox = mode.sandbox && mode.sandbox !== 'none' ? mode.sandbox : undefined;
  const lines = [
    'How this session runs:',
    mode.headless
      ? '- Headless (tandem exec): there is no editor and nobody is watching the run; your final answer is the output the user reads.'
      : '- In the editor: the user sees your steps as they happen and reviews changes in a diff.',
    `- Approval mode ${APPROVAL_TEXT[mode.approvalMode]}`,
    mode.approvalMode !== 'full-auto' && !canApprove
      ? '- Nobody can approve anything in this run: edits and commands that need approval will be refused. Do the work that needs no approval, and say in your answer what you would change.'
      : undefined,
    sandbox ? `- Commands run in a sandbox: ${sandbox}. If a command fails because of it, say so instead of working around it.` : '- Commands run without a sandbox, with the user\'s permissions: be careful with anything destructive.',
    mode.languageTools
      ? '- Language-server tools are available (go_to_definition, find_references, document_symbols, workspace_symbols, hover, diagnostics): prefer them to text search to find where a symbol is defined or used. After an edit, errors the language server finds in the edited file are added to the result: fix them.'
      : undefined,
    mode.headless
      ? '- Nobody can answer questions during this run. Do not ask; decide, choose the most reasonable option and state your assumptions in the final answer.'
      : undefined,
  ];
  return `${SYSTEM_PROMPT}\n\n${lines.filter((l) => l !== undefined).join('\n')}`;
}

export interface EnvironmentFacts {
  workspaceRoot: string;
  platform: string;
  shell?: string;
  testCommand?: string;
  /** Root AGENTS.md text, already formatted. */
  instructions?: string;
  date?: string;
}

/** The message with everything dynamic; placed first in the conversation, never in the system prompt. */
export function environmentMessage(f: EnvironmentFacts): Message {
  const lines = [
    '<environment>',
    `Workspace root: ${f.workspaceRoot}`,
    `Platform: ${f.platform}${f.shell ? ` (shell: ${f.shell})` : ''}`,
    f.date ? `Date: ${f.date}` : undefined,
    f.testCommand
      ? `Test command: ${f.testCommand} — run it after changing code and fix what fails.`
      : 'Test command: none detected. If the project has tests, find how to run them (README, package.json, Makefile) and run them after changing code.',
    '</environment>',
    f.instructions ? `\n${f.instructions}` : undefined,
  ];
  return { role: 'user', kind: 'context', content: lines.filter((l) => l !== undefined).join('\n') };
}
