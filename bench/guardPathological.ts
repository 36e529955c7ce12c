// Guard on pathological files, the kind a generator or an attacker writes: statements nested thousands
// deep, an expression nested thousands deep, a 1 MB line, a 120,000-term concatenation, code that does
// not parse. Each must stay bounded (one scan, wall and CPU time) and be reported as read in part, never
// a crash or a hang (issue 23). Machine load is printed with the table: on a shared machine wall time
// also counts other processes.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { scanReportWith } from '../src/core/guard/scan';

const FILES: Array<[string, string, () => string]> = [
  ['6,000 nested ifs', 'deep.js', () => `function f(a) {\n${'if (a) {'.repeat(6000)}exec(a);${'}'.repeat(6000)}\n}\n`],
  ['5,000 nested parentheses', 'deep.py', () => `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`],
  ['5,000 nested Java blocks', 'Deep.java', () => `class A { void f(int a) {${'if (a > 0) {'.repeat(5000)}a++;${'}'.repeat(5000)}} }\n`],
  ['a 1,020,000-character line', 'long.js', () => `const s = "${'a'.repeat(1_020_000)}";\n`],
  ['a 990,000-character line', 'long2.js', () => `const s = "${'a'.repeat(990_000)}";\n`],
  ['120,000-term concatenation', 'concat.js', () => `var a = ${Array.from({ length: 120_000 }, (_, i) => `x${i}`).join('+')};\n`],
  ['code that does not parse', 'broken.ts', () => `${'function (\n{{{\n'.repeat(2000)}const a = req.query.a;\nexec(a);\n`],
];

export async function run(): Promise<void> {
  const rows: string[] = [];
  for (const [what, name, make] of FILES) {
    const text = make();
    const before = process.cpuUsage();
    const t0 = performance.now();
    const r = await scanReportWith(undefined, name, text);
    const wall = performance.now() - t0;
    const d = process.cpuUsage(before);
    const said = r.partial ? `in part: ${r.partial}` : r.linesOnly ? `not parsed: ${r.linesOnly}` : 'whole';
    rows.push(`| ${what} | ${(text.length / 1024).toFixed(0)} KB | ${wall.toFixed(0)} ms | ${((d.user + d.system) / 1000).toFixed(0)} ms | ${r.findings.length} | ${said} |`);
  }
  console.log(`Load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}; ${cpus().length} CPUs. One scan each, grammars loaded on the first row.`);
  console.log('| pathological file | size | wall | CPU | findings | reported as |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

if (require.main === module) void run();
