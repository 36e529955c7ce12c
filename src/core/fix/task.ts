// Owns what the agent is asked for one group: fix these findings in this one file, nothing else,
// and keep the tests passing. The finding text comes from the guard's rules, not from the file.
import type { FindingGroup } from './groups';

export function fixTask(g: FindingGroup, testCommand: string | undefined): string {
  const list = g.findings.map((f) => `- line ${f.line}: [${f.severity}] ${f.ruleId} (${f.cwe}): ${f.message}\n  Fix: ${f.fix}`).join('\n');
  return [
    `Tandem's security guard found these problems in ${g.path}:`,
    list,
    '',
    `Fix them by editing ${g.path} only: change no other file (a patch that touches another file is refused).`,
    'Keep the behaviour the code has for valid input; make the smallest change that removes each problem.',
    testCommand ? `The patch is checked by running \`${testCommand}\`; it must still pass. You may run it.` : 'There is no test command; read the code around each problem before changing it.',
    'When done, answer with one sentence per problem saying what you changed.',
  ].join('\n');
}
