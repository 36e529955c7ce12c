// Owns the agent's system prompt and the per-session environment message. The system prompt is a
// constant: byte-identical on every call (with the same tool list) so providers' prompt caching
// works; everything that varies (workspace, platform, date, test command, AGENTS.md) goes in the
// environment message that opens the conversation instead.
import type { Message } from '../llm/provider';

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
