// Runs every benchmark in turn and prints its table (`npm run bench`). Each bench exports run().
import { run as activation } from './activation';
import { run as agent } from './agent';
import { run as attempts } from './attempts';
import { run as checkpoints } from './checkpoints';
import { run as cliStart } from './cliStart';
import { run as execTask } from './execTask';
import { run as audit } from './audit';
import { run as commandPolicy } from './commandPolicy';
import { run as completion } from './completion';
import { run as guard } from './guard';
import { run as guardSummaries } from './guardSummaries';
import { run as guardDir } from './guardDir';
import { run as guardPathological } from './guardPathological';
import { run as nextEdit } from './nextEdit';
import { run as owasp } from './owaspBenchmark';
import { run as sandbox } from './sandbox';
import { run as search } from './search';
import { run as taskHistory } from './taskHistory';

const benches: Array<[string, () => Promise<unknown>]> = [
  ['completion', completion],
  ['nextEdit', nextEdit],
  ['agent', agent],
  ['search', search],
  ['checkpoints', checkpoints],
  ['cliStart', cliStart],
  ['execTask', execTask],
  ['activation', activation],
  ['sandbox', sandbox],
  ['audit', audit],
  ['policy', commandPolicy],
  ['guard', guard],
  ['guardSummaries', guardSummaries],
  ['guardDir', guardDir],
  ['guardPathological', guardPathological],
  ['owasp', owasp],
  ['attempts', attempts],
  ['taskHistory', taskHistory],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const [name, run] of benches) {
    if (only.length && !only.includes(name)) continue;
    await run();
  }
}

void main();
