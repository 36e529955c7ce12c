// Slash commands in the prompt: each command, its text, paths and escapes that are ordinary text,
// and the errors for unknown or misused commands.
import { strict as assert } from 'node:assert';
import { parsePrompt } from '../../../src/protocol/slashCommands';

describe('slash commands', () => {
  const cases: Array<[string, ReturnType<typeof parsePrompt>]> = [
    ['/compact', { kind: 'command', command: 'compact' }],
    ['  /new  ', { kind: 'command', command: 'new' }],
    ['/init', { kind: 'command', command: 'init' }],
    ['/plan', { kind: 'command', command: 'plan' }],
    ['/PLAN add a cache', { kind: 'command', command: 'plan', text: 'add a cache' }],
    ['/act\ncarry it out\nplease', { kind: 'command', command: 'act', text: 'carry it out\nplease' }],
    ['fix /compact handling', { kind: 'text', text: 'fix /compact handling' }],
    ['/src/app.ts throws on start', { kind: 'text', text: '/src/app.ts throws on start' }],
    ['/etc/hosts', { kind: 'text', text: '/etc/hosts' }],
    ['//compact is a command name', { kind: 'text', text: '/compact is a command name' }],
    ['/', { kind: 'text', text: '/' }],
  ];
  for (const [input, expected] of cases) {
    it(`parses ${JSON.stringify(input)}`, () => assert.deepEqual(parsePrompt(input), expected));
  }

  it('refuses an unknown command and lists the commands', () => {
    const r = parsePrompt('/compcat');
    assert.equal(r.kind, 'error');
    assert.match(r.kind === 'error' ? r.message : '', /^Unknown command \/compcat\. Commands: \/compact, \/plan, \/act, \/new, \/init\. .*begin it with \/\//);
  });

  it('refuses text after a command that takes none', () => {
    assert.deepEqual(parsePrompt('/new please'), { kind: 'error', message: '/new takes no text; send it alone.' });
    assert.deepEqual(parsePrompt('/compact now'), { kind: 'error', message: '/compact takes no text; send it alone.' });
  });
});
