// Child process for the concurrency test: appends N entries to a ledger as fast as it can, signing
// with the key file under XDG_CONFIG_HOME (both children may race to create it).
import { userAnchor } from '../../../../src/core/audit/heads';
import { AuditLedger } from '../../../../src/core/audit/ledger';

const [file, who, count] = process.argv.slice(2);
void (async () => {
  const ledger = new AuditLedger(file, userAnchor(process.env));
  for (let i = 0; i < Number(count); i++) {
    await ledger.append({ file: `${who}.ts`, kind: 'update', diff: `+${who} ${i}\n`, approvedBy: 'policy', findings: [] });
  }
})();
