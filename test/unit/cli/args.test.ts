// Command-line parsing, table-driven: accepted forms with their options, and clear errors.
import { strict as assert } from 'node:assert';
import { DEFAULT_BASE_URL, HELP, parseArgs } from '../../../src/cli/args';
import { EXIT } from '../../../src/cli/exitCodes';

const env = { TANDEM_MODEL: 'env-model' };

describe('tandem arguments', () => {
  const ok: Array<[string[], Record<string, unknown>]> = [
    [['exec', 'fix it'], { task: 'fix it', model: 'env-model', approval: 'suggest', api: 'chat', json: false, baseUrl: DEFAULT_BASE_URL, cwd: '/w' }],
    [['exec', '--model', 'm', '--approval', 'full-auto', '--json', 'do', 'this'], { task: 'do this', model: 'm', approval: 'full-auto', json: true }],
    [['exec', '--base-url=http://h:1/v1', '--api', 'responses', '--max-steps', '7', 't'], { baseUrl: 'http://h:1/v1', api: 'responses', maxSteps: 7 }],
    [['exec', '--mode', 'plan', 't'], { mode: 'plan' }],
    [['exec', '--mode=act', 't'], { mode: 'act' }],
    [['exec', '--cwd', 'sub', '--', '--not-a-flag'], { task: '--not-a-flag', cwd: 'sub' }],
    [['exec', 't'], { retryTimeoutMs: 60_000, taskFromStdin: false, outputLastMessage: undefined, outputSchema: undefined }],
    [['exec', '--retry-timeout', '2.5', '--output-last-message', 'o.txt', '--output-schema=s.json', 't'], { retryTimeoutMs: 2500, outputLastMessage: 'o.txt', outputSchema: 's.json' }],
    [['exec', '--retry-timeout=0', 't'], { retryTimeoutMs: 0 }],
    [['exec', 't'], { sandbox: 'workspace-write', sandboxNetwork: false }],
    [['exec', '--sandbox', 'read-only', '--sandbox-network', 't'], { sandbox: 'read-only', sandboxNetwork: true }],
    [['exec', '--sandbox=off', 't'], { sandbox: 'off' }],
    [['exec', '--env', 'JAVA_HOME', '--env=NODE_ENV=test', '--env', 'A=b=c', 't'], { commandEnv: ['JAVA_HOME', 'NODE_ENV=test', 'A=b=c'] }],
  ];

  it('--models names the models: no --model or TANDEM_MODEL needed, the first is the task model', () => {
    for (const argv of [['exec', '--attempts', '2', '--models', 'a,b@http://h:2/v1', 't'], ['exec', '--models', 'a,b', 't']]) {
      const r = parseArgs(argv, {}, '/w');
      assert.equal(r.kind, 'exec', JSON.stringify(r));
      if (r.kind === 'exec') {
        assert.equal(r.options.model, 'a');
        assert.deepEqual(r.options.attempts?.models.map((m) => m.model), ['a', 'b']);
      }
    }
    const explicit = parseArgs(['exec', '--model', 'm', '--models', 'a,b', 't'], {}, '/w');
    assert.ok(explicit.kind === 'exec' && explicit.options.model === 'm');
    const none = parseArgs(['exec', '--attempts', '2', 't'], {}, '/w');
    assert.ok(none.kind === 'error' && /No model given/.test(none.message));
  });

  for (const [argv, expected] of ok) {
    it(`parses ${argv.join(' ')}`, () => {
      const r = parseArgs(argv, env, '/w');
      assert.equal(r.kind, 'exec');
      if (r.kind === 'exec') for (const [k, v] of Object.entries(expected)) assert.deepEqual((r.options as unknown as Record<string, unknown>)[k], v, k);
    });
  }

  it('takes the base URL from OPENAI_BASE_URL when not given', () => {
    const r = parseArgs(['exec', 't'], { ...env, OPENAI_BASE_URL: 'http://other:9/v1' });
    assert.equal(r.kind === 'exec' && r.options.baseUrl, 'http://other:9/v1');
  });

  const bad: Array<[string[], RegExp, NodeJS.ProcessEnv?]> = [
    [['exec'], /No task given/],
    [['run', 'x'], /Unknown command "run"/],
    [['exec', '--approval', 'yolo', 't'], /--approval must be one of suggest, auto-edit, full-auto/],
    [['exec', '--api', 'grpc', 't'], /--api must be chat or responses/],
    [['exec', '--sandbox', 'none', 't'], /--sandbox must be one of workspace-write, read-only, off; got "none"/],
    [['exec', '--sandbox', 'Read-Only', 't'], /--sandbox must be one of/],
    [['exec', '--sandbox'], /--sandbox needs a value/],
    [['exec', '--env'], /--env needs NAME or NAME=value/],
    [['exec', '--env', 'has space', 't'], /--env "has space" is not a variable name or NAME=value/],
    [['exec', '--max-steps', '0', 't'], /--max-steps must be a whole number/],
    [['exec', '--mode', 'PLAN', 't'], /--mode must be act or plan; got "PLAN"/],
    [['exec', '--mode', 'read-only', 't'], /--mode must be act or plan/],
    [['exec', '--max-steps', 'lots', 't'], /--max-steps must be a whole number/],
    [['exec', '--model'], /--model needs a value/],
    [['exec', '--frobnicate', 't'], /Unknown option --frobnicate/],
    [['exec', '--base-url', 'ftp://x', 't'], /--base-url must be an http\(s\) URL/],
    [['exec', 't'], /No model given/, {}],
    [['exec', '--retry-timeout', '-1', 't'], /--retry-timeout must be a number of seconds/],
    [['exec', '--retry-timeout', '1m', 't'], /--retry-timeout must be a number of seconds/],
    [['exec', '--output-schema'], /--output-schema needs a value/],
    [['exec', '-'], /"-" means "read it from stdin", but stdin is a terminal/],
  ];
  for (const [argv, message, e] of bad) {
    it(`rejects ${argv.join(' ')}`, () => {
      const r = parseArgs(argv, e ?? env, '/w');
      assert.equal(r.kind, 'error');
      if (r.kind === 'error') assert.match(r.message, message);
    });
  }

  it('shows help for --help, -h and no arguments', () => {
    for (const argv of [['--help'], ['-h'], [], ['exec', '--help']]) assert.equal(parseArgs(argv, env).kind, 'help');
  });

  it('with stdin piped, "-" or no task means the task comes from stdin', () => {
    for (const argv of [['exec', '-'], ['exec']]) {
      const r = parseArgs(argv, env, '/w', true);
      assert.equal(r.kind, 'exec', JSON.stringify(r));
      if (r.kind === 'exec') assert.equal(r.options.taskFromStdin, true);
    }
    const given = parseArgs(['exec', 'review this'], env, '/w', true);
    assert.equal(given.kind === 'exec' && given.options.taskFromStdin, false);
  });

  it('--help documents every exit code', () => {
    for (const [name, code] of Object.entries(EXIT)) assert.match(HELP, new RegExp(`^  ${code} +\\S`, 'm'), `exit code ${code} (${name})`);
    for (const flag of ['--retry-timeout', '--output-last-message', '--output-schema']) assert.ok(HELP.includes(flag), flag);
  });
});
