import { strict as assert } from 'node:assert';
import { buildChatMessages, buildFimPrompt, chooseTemplate, cleanChatAnswer, HOLE, type TemplateName } from '../../../../src/core/completion/templates';

const parts = { prefix: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))', relativePath: 'src/m.py', languageId: 'python', snippets: [] };

describe('FIM templates', () => {
  const choices: Array<[string, string, TemplateName]> = [
    ['bigcode/starcoder2-3b', 'http://127.0.0.1:8080/v1', 'starcoder2'],
    ['starcoderbase-1b', 'http://127.0.0.1:8080/v1', 'starcoder'],
    ['Qwen/Qwen2.5-Coder-1.5B', 'http://127.0.0.1:8000/v1', 'qwen'],
    ['deepseek-coder-1.3b-base', 'http://127.0.0.1:8000/v1', 'deepseek'],
    ['codellama-7b-code', 'http://127.0.0.1:8000/v1', 'codellama'],
    ['codestral-latest', 'https://api.mistral.ai/v1', 'codestral'],
    ['gpt-3.5-turbo-instruct', 'https://api.openai.com/v1', 'suffix'],
    // Ollama applies the model's own template to `suffix`: never raw tokens there.
    ['qwen2.5-coder:1.5b-base', 'http://localhost:11434/v1', 'suffix'],
  ];
  for (const [model, url, expected] of choices) {
    it(`picks ${expected} for ${model} at ${url}`, () => assert.equal(chooseTemplate(model, url), expected));
  }
  it('lets the setting override the guess', () => assert.equal(chooseTemplate('anything', 'http://localhost:11434/v1', 'deepseek'), 'deepseek'));

  const prompts: Array<[TemplateName, string]> = [
    ['starcoder', '<fim_prefix># Path: src/m.py\ndef add(a, b):\n    <fim_suffix>\n\nprint(add(1, 2))<fim_middle>'],
    ['starcoder2', '<file_sep><fim_prefix>src/m.py\ndef add(a, b):\n    <fim_suffix>\n\nprint(add(1, 2))<fim_middle>'],
    ['qwen', '<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))<|fim_middle|>'],
    ['deepseek', '<｜fim▁begin｜># Path: src/m.py\ndef add(a, b):\n    <｜fim▁hole｜>\n\nprint(add(1, 2))<｜fim▁end｜>'],
    ['codellama', '<PRE> # Path: src/m.py\ndef add(a, b):\n     <SUF>\n\nprint(add(1, 2)) <MID>'],
    ['codestral', '[SUFFIX]\n\nprint(add(1, 2))[PREFIX]# Path: src/m.py\ndef add(a, b):\n    '],
    ['suffix', '# Path: src/m.py\ndef add(a, b):\n    '],
  ];
  for (const [name, expected] of prompts) {
    it(`writes the ${name} prompt`, () => {
      const p = buildFimPrompt(name, parts);
      assert.equal(p.prompt, expected);
      assert.equal(p.suffix, name === 'suffix' ? parts.suffix : undefined);
      if (name !== 'suffix') assert.ok(p.stop.length > 0, 'has stop tokens');
    });
  }

  it('puts related files in Qwen repo-level form', () => {
    const p = buildFimPrompt('qwen', { ...parts, snippets: [{ relativePath: 'src/util.py', text: 'def sub(a, b):\n    return a - b' }], repoName: 'demo' });
    assert.equal(p.prompt, '<|repo_name|>demo\n<|file_sep|>src/util.py\ndef sub(a, b):\n    return a - b\n<|file_sep|>src/m.py\n<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))<|fim_middle|>');
  });

  it('comments related files with the language comment syntax', () => {
    const p = buildFimPrompt('suffix', { ...parts, languageId: 'typescript', snippets: [{ relativePath: 'a.ts', text: 'export const x = 1;' }] });
    assert.equal(p.prompt.split('\n').slice(0, 3).join('\n'), '// Path: a.ts\n// export const x = 1;\n// Path: src/m.py');
  });
});

describe('chat-fill prompt', () => {
  it('marks the hole and asks for the missing code only', () => {
    const [system, user] = buildChatMessages(parts);
    assert.match(system.content, /ONLY the text to insert/);
    assert.ok(user.content.includes(`def add(a, b):\n    ${HOLE}\n\nprint`));
  });
  const cleanups: Array<[string, string, string]> = [
    ['```python\nreturn a + b\n```', '    ', 'return a + b'],
    ['return a + b', '    ', 'return a + b'],
    ['    return a + b', '    return', ' a + b'],
    [`return a + b${HOLE}`, '', 'return a + b'],
  ];
  for (const [answer, linePrefix, expected] of cleanups) {
    it(`cleans ${JSON.stringify(answer)}`, () => assert.equal(cleanChatAnswer(answer, linePrefix), expected));
  }
});
