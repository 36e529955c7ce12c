// Which server errors mean "this model/server takes no tools" (switch to text) and which do not (a
// bad tool schema, a bad parameter, a context overflow, an outage): the real phrasings of Ollama,
// llama.cpp, vLLM and strict OpenAI-compatible servers.
import { strict as assert } from 'node:assert';
import { LlmError, type LlmErrorKind } from '../../../../src/core/llm/errors';
import { refusesTools } from '../../../../src/core/llm/toolCalling';

const err = (kind: LlmErrorKind, status: number, detail: string) => new LlmError(kind, 'x', status, undefined, detail);

describe('refusesTools', () => {
  const refusals: Array<[string, LlmError]> = [
    ['Ollama', err('badRequest', 400, 'registry.ollama.ai/library/gemma:2b does not support tools')],
    ['llama.cpp without --jinja', err('server', 500, 'tools param requires --jinja flag')],
    ['vLLM without auto tool choice', err('badRequest', 400, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set')],
    ['a strict server', err('badRequest', 400, 'Unrecognized request argument supplied: tools')],
    ['a pydantic server', err('badRequest', 422, 'tools: Extra inputs are not permitted')],
    ['a model without function calling', err('badRequest', 400, 'This model does not support function calling')],
  ];
  for (const [name, e] of refusals) it(`switches on ${name}`, () => assert.equal(refusesTools(e), true));

  const others: Array<[string, unknown]> = [
    ['a bad tool schema', err('badRequest', 400, "Invalid schema for function 'read_file': 'path' is not valid under any of the given schemas")],
    ['a bad temperature', err('badRequest', 400, 'temperature must be at most 2')],
    ['a context overflow', err('contextTooLong', 400, 'maximum context length is 8192 tokens; tools and messages are too long')],
    ['an outage', err('server', 503, 'service unavailable')],
    ['a rate limit naming tools', err('rateLimited', 429, 'too many tool requests, not allowed now')],
    ['not an LlmError', new Error('does not support tools')],
  ];
  for (const [name, e] of others) it(`does not switch on ${name}`, () => assert.equal(refusesTools(e), false));
});
