// Guard function summaries benchmark, as ratios (the machine is shared, so absolute times drift): the
// CPU of scanning a 2,000-line file whose functions run shell helpers, with summaries on and off; the
// same for a file that names no shell sink (the summary pass is skipped there, so the ratio should be
// about 1); and the cross-file scan of a file importing a 2,000-line helper module (first scan, which
// summarises the import, and later scans of the same run, which reuse it) against a scan alone.
import { scanTextWithImports } from '../src/core/guard/importedHelpers';
import { RULES } from '../src/core/guard/rules/index';
import { scanText } from '../src/core/guard/scan';

const HELPERS = (i: number) => `
export function run${i}(cmd: string) {
  return require('child_process').execSync(cmd, { stdio: 'inherit' });
}
export function build${i}(target: string, flags: string[]) {
  const line = 'make ' + target + ' ' + flags.join(' ');
  logger.info('building ' + target);
  return run${i}(line);
}
export function size${i}(a: number, b: number): number {
  return a * ${i} + b;
}
`;
const PLAIN = (i: number) => `
export function total${i}(items: Array<{ price: number; qty: number }>): number {
  let sum = 0;
  for (const it of items) sum += it.price * it.qty;
  logger.info('total ' + sum);
  return sum + ${i};
}
`;

const fileOf = (block: (i: number) => string, lines: number) => {
  const out: string[] = [];
  for (let i = 0; out.join('\n').split('\n').length < lines; i++) out.push(block(i));
  return `${out.join('\n').split('\n').slice(0, lines).join('\n')}\n`;
};

async function cpuMs(f: () => Promise<unknown>, n: number): Promise<number> {
  await f();
  const t = process.cpuUsage();
  for (let i = 0; i < n; i++) await f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000 / n;
}

export async function run(): Promise<void> {
  const rule = RULES.find((r) => r.id === 'command-injection') as { summaries?: boolean };
  const helpers = fileOf(HELPERS, 2000);
  const plain = fileOf(PLAIN, 2000);
  const caller = `import { run1, build2 } from './helpers';\n${fileOf((i) => `export const step${i} = (dir: string) => { run1('rm -rf ' + dir + '/${i}'); build2(dir, ['-j${i}']); };\n`, 400)}`;
  const files: Record<string, string> = { 'src/helpers.ts': helpers };
  const read = async (p: string) => files[p];
  const rows: string[][] = [];
  for (const [name, text] of [['shell helpers, 2,000 lines', helpers], ['no shell sink, 2,000 lines', plain]] as const) {
    rule.summaries = false;
    const off = await cpuMs(() => scanText('src/x.ts', text), 10);
    rule.summaries = true;
    const on = await cpuMs(() => scanText('src/x.ts', text), 10);
    rows.push([name, `${off.toFixed(1)} ms`, `${on.toFixed(1)} ms`, `${(on / off).toFixed(2)}×`]);
  }
  const alone = await cpuMs(() => scanText('src/caller.ts', caller), 10);
  const t = process.cpuUsage();
  const cache = new Map();
  await scanTextWithImports('src/caller.ts', caller, read, [], cache);
  const d = process.cpuUsage(t);
  const first = (d.user + d.system) / 1000;
  const again = await cpuMs(() => scanTextWithImports('src/caller.ts', caller, read, [], cache), 10);
  rows.push(['400-line caller, import summarised (first scan)', `${alone.toFixed(1)} ms`, `${first.toFixed(1)} ms`, `${(first / alone).toFixed(2)}×`]);
  rows.push(['400-line caller, import cached (same run)', `${alone.toFixed(1)} ms`, `${again.toFixed(1)} ms`, `${(again / alone).toFixed(2)}×`]);
  console.log('\n### Guard function summaries (CPU per scan)\n');
  console.log('| case | without | with | ratio |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

if (require.main === module) void run();
