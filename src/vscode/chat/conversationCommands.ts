// Owns the VS Code side of the conversation commands: /compact (compacts the task's conversation
// now, as a short "turn" Stop can end), /init (asks, then has the agent write a first AGENTS.md),
// remembering the mode in tandem.agent.mode, and the model's price for the cost shown.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Agent, RunOptions } from '../../core/agent/agent';
import type { AgentEvent } from '../../core/agent/events';
import type { AgentMode } from '../../core/agent/modes';
import { parsePricing, priceFor, type ModelPrice } from '../../core/llm/pricing';
import { readAgentSettings } from '../agent/settings';

/** The model's price from tandem.chat.pricing; malformed entries are reported once each. */
const reported = new Set<string>();
export function modelPrice(model: string, notice: (text: string) => void): ModelPrice | undefined {
  const { table, errors } = parsePricing(readAgentSettings().pricing);
  for (const e of errors) if (!reported.has(e) && reported.add(e)) notice(e);
  return priceFor(table, model);
}

/** Writes tandem.agent.mode where it is set now (workspace or user settings). */
export async function saveMode(mode: AgentMode): Promise<void> {
  const c = vscode.workspace.getConfiguration('tandem');
  const where = c.inspect('agent.mode')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await c.update('agent.mode', mode, where);
}

/** Compacts the conversation; the message says what was summarised and what was kept as it was. */
export async function compactConversation(agent: Agent, options: RunOptions): Promise<string> {
  let event: Extract<AgentEvent, { type: 'compaction' }> | undefined;
  const done = await agent.compactNow({ ...options, onEvent: (e) => (e.type === 'compaction' && (event = e), options.onEvent?.(e)) });
  if (options.signal?.aborted) return 'Compaction stopped.';
  if (!done) return 'There is nothing to compact yet.';
  return compactionMessage(event);
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "Summarised 12 earlier messages; kept the last 3 as they were." (or what else compaction did). */
export function compactionMessage(e: Extract<AgentEvent, { type: 'compaction' }> | undefined): string {
  if (!e || e.summarisedMessages === 0) return 'Shortened large tool results the model had already used; no message needed summarising.';
  const kept = !e.keptMessages ? 'kept none as they were' : e.keptMessages === 1 ? 'kept the last one as it was' : `kept the last ${e.keptMessages} as they were`;
  return `Summarised ${count(e.summarisedMessages, 'earlier message')}; ${kept}.`;
}

export const INIT_CONFIRM = 'Create AGENTS.md';

/** /init: true when the user agreed to have AGENTS.md written; a string says why not. */
export async function confirmInit(): Promise<true | string> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return 'Open a folder first: /init writes AGENTS.md at its root.';
  const target = path.join(folder.uri.fsPath, 'AGENTS.md');
  const exists = await fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) return 'AGENTS.md already exists in this workspace; edit it, or ask Tandem to improve it.';
  const choice = await vscode.window.showInformationMessage(
    'Let Tandem explore this project and write a first AGENTS.md? You review the file before it is written.',
    { modal: true },
    INIT_CONFIRM,
  );
  return choice === INIT_CONFIRM ? true : 'AGENTS.md was not created.';
}
