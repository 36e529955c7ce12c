// Child process for the concurrency test: appends N entries to a ledger as fast as it can.
import { AuditLedger } from '../../../../src/core/audit/ledger';

const [file, who, count] = process.argv.slice(2);
void (async () => {
  const ledger = new AuditLedger(file);
  for (let i = 0; i < Number(count); i++) {
    await ledger.append({ file: `${who}.ts`, kind: 'update', diff: `+${who} ${i}\n`, approvedBy: 'policy', findings: [] });
  }
})();
