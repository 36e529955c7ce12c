// What an attempt's agent may do unasked under --approval: in full-auto commands are refused to the
// model (only the sandbox confines them); otherwise edits of the copy pass and each command is asked in
// the terminal, labelled with its attempt; the test command is asked once before anything starts.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { makeChange } from '../../../src/core/edits/proposedChange';
import { attemptsApprover, confirmAttempts } from '../../../src/cli/attemptApproval';
import { TerminalApprover } from '../../../src/cli/terminalApprover';

function terminal(answers: string[], interactive = true) {
  const input = new PassThrough();
  let screen = '';
  const output = {
    write: (s: string) => {
      screen += s;
      // Answered once the question is fully asked (the reader listens right after this write).
      if (s.includes('[y/N]')) setImmediate(() => input.write(`${answers.shift() ?? 'n'}\n`));
      return true;
    },
  };
  return { approver: new TerminalApprover({ input, output, interactive }), screen: () => screen };
}

const signal = new AbortController().signal;
const command = { type: 'command' as const, command: 'npm install left-pad', cwd: '/copy', toolCallId: 'c', reason: 'npm install is not read-only' };

describe('--attempts under --approval', () => {
  it('suggest and auto-edit: a command of attempt 2 is asked in the terminal with its attempt named; yes runs it, no refuses it', async () => {
    for (const mode of ['suggest', 'auto-edit'] as const) {
      const t = terminal(['y', 'n']);
      const a = attemptsApprover(2, mode, t.approver);
      assert.deepEqual(await a.request(command, signal), { approved: true });
      assert.equal((await a.request(command, signal)).approved, false);
      assert.match(t.screen(), /\$ npm install left-pad\n\(attempt 2, in its own copy of the workspace: npm install is not read-only\)/);
      // Edits of the copy are not asked: they reach the workspace only through the normal edit flow.
      assert.deepEqual(await a.request({ type: 'edit', changes: [makeChange({ path: 'a', kind: 'create', newText: 'x' })], toolCallId: 'e' }, signal), { approved: true });
      assert.equal(t.screen().split('[y/N]').length - 1, 2, mode);
    }
  });

  it('full-auto: nothing is asked; a command the policy did not allow is refused to the model', async () => {
    const t = terminal([]);
    const d = await attemptsApprover(1, 'full-auto', t.approver).request(command, signal);
    assert.equal(d.approved, false);
    assert.match(d.reason ?? '', /unattended attempts/);
    assert.equal(t.screen(), '');
  });

  it('asks for the test command once before any attempt starts, and refuses without a terminal, naming the flag', async () => {
    assert.equal(await confirmAttempts('full-auto', false, terminal([]).approver, 'npm test', '/ws', signal), undefined);
    const yes = terminal(['y']);
    assert.equal(await confirmAttempts('suggest', true, yes.approver, 'npm test', '/ws', signal), undefined);
    assert.match(yes.screen(), /Run command in \/ws:\n {2}\$ npm test\n\(each attempt is verified with this command/);
    assert.match((await confirmAttempts('auto-edit', true, terminal(['n']).approver, 'npm test', '/ws', signal)) ?? '', /test command was not approved, so no attempt was started \(--approval auto-edit\)/);
    assert.match((await confirmAttempts('suggest', false, terminal([], false).approver, 'npm test', '/ws', signal)) ?? '', /--attempts with --approval suggest .* no terminal is attached to answer, so no attempt was started\. .*--approval full-auto/);
    // tandem fix without a test command: still refused without a terminal; with one, nothing to ask up front.
    assert.match((await confirmAttempts('suggest', false, terminal([], false).approver, '', '/ws', signal, 'tandem fix')) ?? '', /^tandem fix with --approval suggest asks before each command an attempt runs, but no terminal/);
    const none = terminal([]);
    assert.equal(await confirmAttempts('suggest', true, none.approver, '', '/ws', signal, 'tandem fix'), undefined);
    assert.equal(none.screen(), '');
  });
});
