// Reading tool calls a model wrote as text, table-driven: the Qwen/Hermes <tool_call> format and what
// small models make of it (fences, trailing text, single quotes, Python literals, a missing closing
// tag, arguments as a string), the blocks that cannot be read, and the stream filter that shows only
// the text before the first call.
import { strict as assert } from 'node:assert';
import { parseTextToolCalls, TextCallStreamFilter, toTextToolMessages } from '../../../../src/core/llm/textToolCalls';

const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });

describe('text tool calls', () => {
  const readable: Array<[string, string, string, Array<{ name: string; arguments: string }>]> = [
    ['one call after text', 'Let me look.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a.txt"}}\n</tool_call>', 'Let me look.', [call('read_file', { path: 'a.txt' })]],
    ['several calls', '<tool_call>{"name":"a","arguments":{}}</tool_call>\n<tool_call>{"name":"b","arguments":{"x":1}}</tool_call>', '', [call('a', {}), call('b', { x: 1 })]],
    ['a fence around the block', 'Reading.\n```json\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a"}}\n</tool_call>\n```', 'Reading.', [call('read_file', { path: 'a' })]],
    ['a fence inside the block', '<tool_call>\n```json\n{"name": "read_file", "arguments": {"path": "a"}}\n```\n</tool_call>', '', [call('read_file', { path: 'a' })]],
    ['text after the call', '<tool_call>{"name": "list_dir", "arguments": {"path": "."}}</tool_call>\nI will wait for the result.', '', [call('list_dir', { path: '.' })]],
    ['text after the JSON inside the block', '<tool_call>{"name": "list_dir", "arguments": {"path": "."}} (listing)</tool_call>', '', [call('list_dir', { path: '.' })]],
    ['single-quoted JSON', "<tool_call>{'name': 'write_file', 'arguments': {'path': 'b.txt', 'content': 'it\\'s \"fine\"\\n'}}</tool_call>", '', [call('write_file', { path: 'b.txt', content: 'it\'s "fine"\n' })]],
    ['Python literals and a trailing comma', "<tool_call>{'name': 'search', 'arguments': {'regex': True, 'glob': None, 'query': 'x',},}</tool_call>", '', [call('search', { regex: true, glob: null, query: 'x' })]],
    ['no closing tag', 'Sure.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a"}}', 'Sure.', [call('read_file', { path: 'a' })]],
    ['arguments as a JSON string', '<tool_call>{"name": "read_file", "arguments": "{\\"path\\": \\"a\\"}"}</tool_call>', '', [call('read_file', { path: 'a' })]],
    ['"parameters" instead of "arguments"', '<tool_call>{"name": "read_file", "parameters": {"path": "a"}}</tool_call>', '', [call('read_file', { path: 'a' })]],
    ['the OpenAI function shape', '<tool_call>{"type": "function", "function": {"name": "read_file", "arguments": {"path": "a"}}}</tool_call>', '', [call('read_file', { path: 'a' })]],
    ['no arguments', '<tool_call>{"name": "diagnostics"}</tool_call>', '', [call('diagnostics', {})]],
    ['braces inside strings', '<tool_call>{"name": "write_file", "arguments": {"path": "a.js", "content": "if (x) { y(\'}\'); }"}}</tool_call>', '', [call('write_file', { path: 'a.js', content: "if (x) { y('}'); }" })]],
    ['upper-case tag', '<TOOL_CALL>{"name": "a", "arguments": {}}</TOOL_CALL>', '', [call('a', {})]],
    ['no call at all', 'The answer is 42.', 'The answer is 42.', []],
    ['a tag only mentioned in code is still a call (the format is reserved)', 'Use `x`.\n<tool_call>{"name": "a", "arguments": {}}</tool_call>', 'Use `x`.', [call('a', {})]],
  ];
  for (const [name, answer, text, calls] of readable) {
    it(`reads ${name}`, () => {
      const r = parseTextToolCalls(answer);
      assert.deepEqual(r.errors, []);
      assert.equal(r.text, text);
      assert.deepEqual(r.calls.map((c) => ({ name: c.name, arguments: c.arguments })), calls);
      assert.equal(new Set(r.calls.map((c) => c.id)).size, r.calls.length);
    });
  }

  const unreadable: Array<[string, string, RegExp]> = [
    ['JSON that does not parse', '<tool_call>{"name": "read_file", "arguments": {"path": "a"</tool_call>', /no JSON object|does not parse/],
    ['no name', '<tool_call>{"arguments": {"path": "a"}}</tool_call>', /no "name"/],
    ['arguments that are a list', '<tool_call>{"name": "a", "arguments": [1, 2]}</tool_call>', /must be a JSON object/],
    ['an empty block', '<tool_call></tool_call>', /empty/],
    ['prose instead of JSON', '<tool_call>read the file a.txt</tool_call>', /no JSON object/],
  ];
  for (const [name, answer, message] of unreadable) {
    it(`says why it cannot read ${name}`, () => {
      const r = parseTextToolCalls(answer);
      assert.equal(r.calls.length, 0);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0], message);
    });
  }

  it('keeps the readable calls and names the broken one by number', () => {
    const r = parseTextToolCalls('<tool_call>{"name": "a", "arguments": {}}</tool_call><tool_call>{oops}</tool_call>');
    assert.deepEqual(r.calls.map((c) => c.name), ['a']);
    assert.match(r.errors[0], /number 2/);
  });

  describe('stream filter', () => {
    const streamed = (chunks: string[]) => {
      const f = new TextCallStreamFilter();
      return chunks.map((c) => f.push(c)).join('') + f.end();
    };
    it('lets out the text before the first call, also when the tag is split across chunks', () => {
      assert.equal(streamed(['Reading the ', 'file.\n<to', 'ol_c', 'all>{"name":"a"}</tool_call> after']), 'Reading the file.');
    });
    it('holds a fence that opens the call, and lets out a fence that opens code', () => {
      assert.equal(streamed(['Now:\n`', '``', 'json\n', '<tool_call>{}</tool_call>']), 'Now:');
      assert.equal(streamed(['Code:\n```', 'js\n', 'let a = 1;\n```\nDone.']), 'Code:\n```js\nlet a = 1;\n```\nDone.');
    });
    it('lets out a "<" that does not become the tag', () => {
      assert.equal(streamed(['a <', 'b> c <tool', ' d']), 'a <b> c <tool d');
    });
  });

  it('maps calls and results into text for the model: <tool_call> in the assistant turn, <tool_response> in one user turn', () => {
    const out = toTextToolMessages([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: 'Reading.', toolCalls: [{ id: '1', name: 'read_file', arguments: '{"path":"a"}' }, { id: '2', name: 'list_dir', arguments: '{}' }] },
      { role: 'tool', toolCallId: '1', name: 'read_file', content: 'alpha' },
      { role: 'tool', toolCallId: '2', name: 'list_dir', content: 'no such folder', isError: true },
      { role: 'assistant', content: 'Done.' },
    ]);
    assert.deepEqual(out, [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: 'Reading.\n<tool_call>\n{"name":"read_file","arguments":{"path":"a"}}\n</tool_call>\n<tool_call>\n{"name":"list_dir","arguments":{}}\n</tool_call>' },
      { role: 'user', content: '<tool_response>\nalpha\n</tool_response>\n<tool_response>\nError from list_dir: no such folder\n</tool_response>' },
      { role: 'assistant', content: 'Done.' },
    ]);
  });
});
