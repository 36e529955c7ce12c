// Owns ACP sessions in Tandem's task history (core/tasks): each session is saved after every turn
// in the CLI's state folder, one history per workspace, so `session/load` can continue it — the
// conversation is replayed to the client as user and agent messages, tool calls and the plan.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type * as acp from '@agentclientprotocol/sdk';
import { Session, type SessionJson } from '../../core/agent/session';
import { TaskHistory } from '../../core/tasks/taskHistory';
import { cliStateDir } from '../checkpoints';
import { textContent, toolKind, toolTitle, parseArgs } from './toolCalls';
import { planEntries } from './updates';

export function acpHistory(env: NodeJS.ProcessEnv, root: string): TaskHistory {
  const key = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return new TaskHistory(path.join(cliStateDir(env), 'acp', key));
}

function title(text: string): string {
  // eslint-disable-next-line no-control-regex -- a one-line title
  const one = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return (one.length > 80 ? `${one.slice(0, 79)}…` : one) || 'ACP session';
}

export function saveSession(history: TaskHistory, session: Session, firstTask: string | undefined, cwd: string): void {
  history.save({ id: session.id, title: title(firstTask ?? ''), updated: Date.now(), items: [{ cwd }], session: session.toJSON() });
}

/** The stored session, or why it cannot be continued. */
export function loadSession(history: TaskHistory, id: string): { session: Session; title: string } | { error: string } {
  const got = history.get(id);
  if ('error' in got) return got;
  try {
    return { session: Session.fromJSON(got.ok.session as SessionJson), title: got.ok.title };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** What the user wrote, without the attached context and the plan-mode note Tandem added. */
function userText(content: string): string {
  return content
    .replace(/^<attachments>[\s\S]*?<\/attachments>(?:\n\(Left out[^\n]*\))?\n\n/, '')
    .replace(/\n\n\[Plan mode\][\s\S]*$/, '');
}

/** The conversation as the updates a client shows. */
export function replay(session: Session): acp.SessionUpdate[] {
  const out: acp.SessionUpdate[] = [];
  for (const m of session.messages) {
    if (m.role === 'user') {
      if (m.kind === 'context') continue;
      out.push({ sessionUpdate: m.kind === 'summary' ? 'agent_thought_chunk' : 'user_message_chunk', content: { type: 'text', text: userText(m.content) } });
    } else if (m.role === 'assistant') {
      if (m.content) out.push({ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: m.content } });
      for (const c of m.toolCalls ?? []) {
        const args = parseArgs(c.arguments);
        out.push({ sessionUpdate: 'tool_call', toolCallId: c.id, title: toolTitle(c.name, args), kind: toolKind(c.name), status: 'completed', rawInput: args });
      }
    } else {
      out.push({ sessionUpdate: 'tool_call_update', toolCallId: m.toolCallId, status: m.isError ? 'failed' : 'completed', content: [textContent(m.content)] });
    }
  }
  if (session.plan?.steps.length) out.push({ sessionUpdate: 'plan', entries: planEntries(session.plan.steps) });
  return out;
}
