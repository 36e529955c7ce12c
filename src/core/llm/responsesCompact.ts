// Owns server-side compaction on OpenAI's Responses API (POST /responses/compact): the older part of
// the conversation goes to the server, which answers with the user messages verbatim followed by one
// compaction item (an encrypted summary only that API can read). We keep the user messages as they
// were (their kinds too) and turn the item into a summary message carrying it.
import type OpenAI from 'openai';
import { LlmError, describe, toLlmError } from './errors';
import type { Message, ModelRequest } from './provider';
import type { ResponseInputItem } from 'openai/resources/responses/responses';

/** What any other API (and a person reading the saved task) sees in place of the encrypted summary. */
export const SERVER_SUMMARY_TEXT =
  'Summary of the earlier conversation: compacted by the server (OpenAI Responses API); it can only be read through that API. Ask the user what is still to do if you need it.';

/** A server without the endpoint: 404/405 (no such route), 501 (the server does not offer it). */
export function isCompactionAbsent(err: unknown): boolean {
  return err instanceof LlmError && (err.status === 404 || err.status === 405 || err.status === 501);
}

interface OutputItem {
  type?: string;
  role?: string;
  content?: unknown;
  encrypted_content?: unknown;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join('');
}

/** Maps the compacted output onto our messages; rejects an answer without exactly one compaction item. */
export function fromCompacted(output: unknown, sent: Message[], where: string): Message[] {
  const out: Message[] = [];
  let items = 0;
  for (const item of Array.isArray(output) ? (output as OutputItem[]) : []) {
    if (item?.type === 'compaction' && typeof item.encrypted_content === 'string' && item.encrypted_content) {
      items++;
      out.push({ role: 'user', kind: 'summary', content: SERVER_SUMMARY_TEXT, serverCompaction: { encryptedContent: item.encrypted_content } });
    } else if (item?.type === 'message' && item.role === 'user') {
      const text = textOf(item.content);
      out.push(sent.find((m) => m.role === 'user' && !m.serverCompaction && m.content === text) ?? { role: 'user', content: text });
    }
  }
  if (items !== 1) throw new LlmError('badResponse', describe('badResponse', where), undefined, undefined, `the compaction answer held ${items} compaction items instead of one`);
  return out;
}

/** `input` is `request.messages` as Responses input items (the caller maps them: no import cycle). */
export async function compactResponses(client: OpenAI, where: string, request: ModelRequest, input: ResponseInputItem[], signal: AbortSignal): Promise<Message[]> {
  let answer: { output?: unknown };
  try {
    answer = await client.responses.compact(
      {
        model: request.model,
        instructions: request.system,
        input,
        ...(request.cacheKey ? { prompt_cache_key: request.cacheKey } : {}),
      },
      { signal },
    );
  } catch (err) {
    throw toLlmError(err, where, request.model, signal);
  }
  return fromCompacted(answer?.output, request.messages, where);
}
