// Owns the choice of model API for the agent (setting tandem.chat.api): Chat Completions or the
// Responses API behind the same ModelProvider port. The panel and the CLI both build it here.
import type { Endpoint } from '../llm/client';
import { ChatProvider, type StreamingProviderOptions } from '../llm/chat';
import type { ModelProvider } from '../llm/provider';
import { ResponsesProvider } from '../llm/responses';

export type ChatApi = 'chat' | 'responses';

export function createModelProvider(api: ChatApi, endpoint: Endpoint, options: StreamingProviderOptions = {}): ModelProvider {
  return api === 'responses' ? new ResponsesProvider(endpoint, options) : new ChatProvider(endpoint, options);
}
