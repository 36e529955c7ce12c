// Owns how model-server failures read in the terminal: the server's own error text, the attempts
// made when retries ran out, and a hint a CLI user can act on (--base-url, $OPENAI_BASE_URL,
// $OPENAI_API_KEY, --model, --retry-timeout) instead of the editor's settings.
import type { AgentEvent } from '../core/agent/events';

type ErrorEvent = Extract<AgentEvent, { type: 'error' }>;

const MAX_DETAIL = 300;

export function cliErrorText(e: ErrorEvent, baseUrl: string, model: string): string {
  const said = e.detail && e.kind !== 'unreachable' ? ` The server said: "${e.detail.length > MAX_DETAIL ? `${e.detail.slice(0, MAX_DETAIL - 1)}…` : e.detail}".` : '';
  const gaveUp = e.attempts ? ` Gave up after ${e.attempts} attempts (see --retry-timeout).` : '';
  switch (e.kind) {
    case 'unreachable':
      return `Cannot reach the model server at ${baseUrl}${e.detail ? ` (${e.detail})` : ''}.${gaveUp} Check that it is running and that --base-url (or $OPENAI_BASE_URL) points to it.`;
    case 'timeout':
      return `The model server at ${baseUrl} did not answer in time.${gaveUp} It may be overloaded or still loading the model; try again, or check --base-url (or $OPENAI_BASE_URL).`;
    case 'auth':
      return `The model server at ${baseUrl} refused the API key (HTTP ${e.status ?? 401}).${said} Set $OPENAI_API_KEY to a key this server accepts (local servers need none), or check --base-url.`;
    case 'notFound':
      return `The model server at ${baseUrl} answered 404: model "${model}" was not found, or the base URL is wrong.${said} Check --model and --base-url (or $OPENAI_BASE_URL).`;
    case 'rateLimited':
      return `The model server at ${baseUrl} is rate-limiting requests (HTTP 429).${said}${gaveUp} Try again later or raise --retry-timeout.`;
    case 'server':
      return `The model server at ${baseUrl} failed (HTTP ${e.status ?? 500}).${said}${gaveUp} Try again later or raise --retry-timeout.`;
    case 'badRequest':
      return `The model server at ${baseUrl} rejected the request (HTTP ${e.status ?? 400}).${said} Check --model and --api (chat or responses) for this server.`;
    default:
      return `${e.message}${said}`;
  }
}
