// Images on the wire, against the scripted real-HTTP server: a user's image goes as an image_url part
// (Chat Completions) or an input_image (Responses); images a tool returned follow the tool results
// in a user message (Chat Completions cannot put images in a tool message) or ride in the
// function_call_output (Responses).
import { strict as assert } from 'node:assert';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream } from '../../../fixtures/replies';
import { responsesText } from '../../../fixtures/responsesReplies';
import { ChatProvider } from '../../../../src/core/llm/chat';
import { ResponsesProvider } from '../../../../src/core/llm/responses';
import type { ImagePart, ModelRequest } from '../../../../src/core/llm/provider';
import { estimateMessageTokens, IMAGE_TOKENS } from '../../../../src/core/llm/tokens';
import { PNG_1X1 } from '../../../fixtures/images';

const png: ImagePart = { mime: 'image/png', data: PNG_1X1.toString('base64') };
const dataUrl = `data:image/png;base64,${png.data}`;
const request: ModelRequest = {
  model: 'gpt-4o',
  system: 'sys',
  messages: [
    { role: 'user', content: 'what is in this picture?', images: [png] },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'screenshot', arguments: '{}' }, { id: 'c2', name: 'read_file', arguments: '{}' }] },
    { role: 'tool', toolCallId: 'c1', name: 'screenshot', content: '[image: image/png]', images: [png] },
    { role: 'tool', toolCallId: 'c2', name: 'read_file', content: 'text' },
    { role: 'user', content: 'and now?' },
  ],
  tools: [],
};

describe('images on the wire', () => {
  let server: ModelServer;
  beforeEach(async () => (server = await ModelServer.start()));
  afterEach(() => server.close());

  it('Chat Completions: image_url parts for the user, tool images after the tool results', async () => {
    server.enqueue('/v1/chat/completions', chatStream('a cat'));
    await new ChatProvider({ baseUrl: server.url }).stream(request, new AbortController().signal, () => {});
    const { messages } = server.requestsTo('/v1/chat/completions')[0].body as { messages: Array<{ role: string; content: unknown }> };
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'tool', 'user', 'user']);
    assert.deepEqual(messages[1].content, [{ type: 'text', text: 'what is in this picture?' }, { type: 'image_url', image_url: { url: dataUrl } }]);
    assert.equal(messages[3].content, '[image: image/png]');
    assert.deepEqual(messages[5].content, [{ type: 'text', text: '[Images returned by the tool screenshot]' }, { type: 'image_url', image_url: { url: dataUrl } }]);
    assert.equal(messages[6].content, 'and now?', 'a message without images stays plain text');
  });

  it('Responses: input_image parts for the user, images inside the function_call_output', async () => {
    server.enqueue('/v1/responses', responsesText('a cat'));
    await new ResponsesProvider({ baseUrl: server.url }).stream(request, new AbortController().signal, () => {});
    const { input } = server.requestsTo('/v1/responses')[0].body as { input: Array<Record<string, unknown>> };
    assert.deepEqual(input[0], { role: 'user', content: [{ type: 'input_text', text: 'what is in this picture?' }, { type: 'input_image', image_url: dataUrl, detail: 'auto' }] });
    const out = input.find((i) => i.call_id === 'c1' && i.type === 'function_call_output');
    assert.deepEqual(out?.output, [{ type: 'input_text', text: '[image: image/png]' }, { type: 'input_image', image_url: dataUrl, detail: 'auto' }]);
    assert.equal(input.find((i) => i.call_id === 'c2' && i.type === 'function_call_output')?.output, 'text');
  });

  it('counts an image against the context budget', () => {
    assert.equal(estimateMessageTokens({ role: 'user', content: '', images: [png, png] }) - estimateMessageTokens({ role: 'user', content: '' }), 2 * IMAGE_TOKENS);
  });
});
