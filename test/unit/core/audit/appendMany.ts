// Child process for the concurrency test: says "ready", waits for "go" on stdin (so two children
// really overlap), then appends N entries to a ledger as fast as it can, signing with the key file
// under XDG_CONFIG_HOME (both children may race to create it).
import { userAnchor } from '../../../../src/core/audit/heads';
import { AuditLedger } from '../../../../src/core/audit/ledger';

const [file, who, count] = process.argv.slice(2);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  process.stdin.pause();
  void (async () => {
    const ledger = new AuditLedger(file, userAnchor(process.env));
    for (let i = 0; i < Number(count); i++) {
      await ledger.append({ file: `${who}.ts`, kind: 'update', diff: `+${who} ${i}\n`, approvedBy: 'policy', findings: [] });
    }
  })();
});
