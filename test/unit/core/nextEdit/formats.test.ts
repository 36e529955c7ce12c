// Both prompt formats, built and parsed — with the odd answers models give: code fences, repeated
// markers, reasoning, "no change", no markers, an answer for another region.
import { strict as assert } from 'node:assert';
import { buildChatMessages, parseChatAnswer } from '../../../../src/core/nextEdit/chat';
import { chooseFormat } from '../../../../src/core/nextEdit/engine';
import { CURSOR, END, START, type PromptInput } from '../../../../src/core/nextEdit/markers';
import { selectRegion } from '../../../../src/core/nextEdit/region';
import { buildZetaPrompt, parseZetaAnswer } from '../../../../src/core/nextEdit/zeta';
import { source } from './lines';

const FILE = ['import { x } from "./x";', '', 'function area(width, h) {', '  return w * h;', '}', '', 'export { area };'].join('\n');

function input(startOfFile = true): PromptInput {
  const region = selectRegion(source(FILE), { line: 2, character: 25 }, { around: 1, contextLines: startOfFile ? 20 : 0 });
  assert.ok(region);
  return {
    path: 'src/area.js',
    languageId: 'javascript',
    events: ['User edited "src/area.js":\n```diff\n@@ -3,1 +3,1 @@\n-function area(w, h) {\n+function area(width, h) {\n```'],
    region,
    snippets: [{ relativePath: 'src/x.js', text: 'export const x = 1;' }],
  };
}

describe('next edit: prompt formats', () => {
  it('chooses Zeta for a model named Zeta, chat otherwise, unless forced', () => {
    assert.equal(chooseFormat('auto', 'hf.co/zed-industries/zeta:Q4_K_M'), 'zeta');
    assert.equal(chooseFormat('auto', 'qwen2.5-coder:7b-instruct'), 'chat');
    assert.equal(chooseFormat('zeta', 'anything'), 'zeta');
    assert.equal(chooseFormat('chat', 'zeta'), 'chat');
  });

  it("builds Zeta's prompt: instruction, context, edits, excerpt with markers and cursor, response", () => {
    const p = buildZetaPrompt(input());
    assert.match(p, /^### Instruction:\nYou are a code completion assistant/);
    assert.match(p, /### Context:\n\nRelated code from "src\/x.js":\n```\nexport const x = 1;\n```/);
    assert.ok(p.includes('### User Edits:\n\nUser edited "src/area.js":\n```diff\n@@ -3,1 +3,1 @@\n-function area(w, h) {'));
    const excerpt = ['### User Excerpt:', '', '```src/area.js', '<|start_of_file|>', 'import { x } from "./x";', START, '', 'function area(width, h) {' + CURSOR, '  return w * h;', '}', END, '', 'export { area };', '```', '', '### Response:', ''].join('\n');
    assert.ok(p.endsWith(excerpt), p);
  });

  it('leaves out the start-of-file marker when the excerpt starts lower', () => {
    assert.ok(!buildZetaPrompt(input(false)).includes('<|start_of_file|>'));
  });

  const zetaRegion = ['', 'function area(width, h) {', '  return width * h;'].join('\n');
  const zetaTable: Array<[string, string, string | RegExp]> = [
    ['a plain answer with context and fence', '```src/area.js\nimport { x } from "./x";\n' + START + '\n' + zetaRegion + '\n' + END + '\n}\n```', zetaRegion],
    ['an answer that keeps the cursor marker', START + '\n\nfunction area(width, h) {' + CURSOR + '\n  return width * h;\n' + END, zetaRegion],
    ['no markers at all', 'function area(width, h) {\n  return width * h;\n}', /no <\|editable_region_start\|> marker/],
    ['cut before the end marker', START + '\n\nfunction area(width, h) {\n  return', /no <\|editable_region_end\|> marker/],
    ['context that is not ours before the region', 'class Other {\n' + START + '\n' + zetaRegion + '\n' + END, /another region/],
  ];
  for (const [what, raw, want] of zetaTable)
    it(`parses a Zeta answer: ${what}`, () => {
      const r = parseZetaAnswer(raw, input());
      if (typeof want === 'string') assert.deepEqual(r, { kind: 'region', text: want });
      else {
        assert.equal(r.kind, 'problem');
        assert.match((r as { message: string }).message, want);
      }
    });

  it('builds the chat messages: system rules and the same content with markers', () => {
    const [system, user] = buildChatMessages(input());
    assert.equal(system.role, 'system');
    assert.ok(system.content.includes(START) && system.content.includes('no change'));
    assert.equal(user.role, 'user');
    assert.ok(user.content.includes('Related code:\n"src/x.js":'));
    assert.ok(user.content.includes('Recent edits:\nUser edited "src/area.js"'));
    assert.ok(user.content.includes(`${START}\n\nfunction area(width, h) {${CURSOR}\n  return w * h;\n}\n${END}`));
  });

  it('says "(none)" when there is no edit history', () => {
    assert.ok(buildChatMessages({ ...input(), events: [] })[1].content.includes('Recent edits:\n(none)'));
  });

  const body = '\nfunction area(width, h) {\n  return width * h;';
  const chatTable: Array<[string, string, { kind: string; text?: string } | RegExp]> = [
    ['markers only', `${START}${body}\n${END}`, { kind: 'region', text: body.slice(1) }],
    ['a fence around everything', '```javascript\n' + `${START}${body}\n${END}` + '\n```', { kind: 'region', text: body.slice(1) }],
    ['a fence inside the markers', `${START}\n\`\`\`js${body}\n\`\`\`\n${END}`, { kind: 'region', text: body.slice(1) }],
    ['markers repeated', `${START}\n${START}${body}\n${END}\n${END}`, { kind: 'region', text: body.slice(1) }],
    ['reasoning first', `<think>rename w</think>\nHere it is:\n${START}${body}\n${END}`, { kind: 'region', text: body.slice(1) }],
    ['the whole excerpt echoed with the cursor', `import { x } from "./x";\n${START}\n\nfunction area(width, h) {${CURSOR}\n  return width * h;\n${END}\n}`, { kind: 'region', text: body }],
    ['"no change"', 'No change.', { kind: 'none' }],
    ['"no changes needed" in backticks', '`no changes needed`', { kind: 'none' }],
    ['no markers', '```js\nfunction area(width, h) {}\n```', /no <\|editable_region_start\|> marker/],
    ['no end marker', `${START}${body}`, /no <\|editable_region_end\|> marker/],
  ];
  for (const [what, raw, want] of chatTable)
    it(`parses a chat answer: ${what}`, () => {
      const r = parseChatAnswer(raw);
      if (want instanceof RegExp) {
        assert.equal(r.kind, 'problem');
        assert.match((r as { message: string }).message, want);
      } else assert.deepEqual(r, want);
    });
});
