#!/usr/bin/env node
// Measures a model's fix rate on examples/fix: each case is copied to a temporary folder and
// `tandem fix --approval full-auto --json` runs there with the case's test command; the last JSON
// line of each run gives findings and fixed. Prints the hold-out (blind) figure first, then the
// dev split, then all cases. Nothing in this folder is changed.
//
//   node examples/fix/measure.mjs --model M [--base-url URL] [--attempts K] [--cli dist/cli.js] [--cases a,b]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const model = opt('--model', process.env.TANDEM_MODEL);
if (!model) {
  console.error('error: pass --model M (or set TANDEM_MODEL).');
  process.exit(2);
}
const cli = path.resolve(opt('--cli', path.join(repo, 'dist/cli.js')));
const only = opt('--cases')?.split(',');
const { cases } = JSON.parse(readFileSync(path.join(here, 'cases.json'), 'utf8'));
const env = { ...process.env, PATH: `${path.join(repo, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`, TANDEM_AUDIT: '0', TANDEM_CHECKPOINTS: '0' };
const rows = [];
for (const c of cases.filter((k) => !only || only.includes(k.name))) {
  const dir = mkdtempSync(path.join(tmpdir(), `tandem-fix-${c.name}-`));
  cpSync(path.join(here, c.name), dir, { recursive: true });
  const fixArgs = [cli, 'fix', '--approval', 'full-auto', '--json', '--cwd', dir, '--test-command', c.testCommand, '--model', model, '--attempts', opt('--attempts', '1')];
  if (opt('--base-url')) fixArgs.push('--base-url', opt('--base-url'));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, fixArgs, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const last = (r.stdout ?? '').trim().split('\n').at(-1) ?? '';
  let summary;
  try {
    summary = JSON.parse(last);
  } catch {
    summary = { findings: 0, fixed: 0, failed: [{ why: `no result (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').at(-1)}` }] };
  }
  rows.push({ name: c.name, split: c.split, findings: summary.findings, fixed: summary.fixed, code: r.status, seconds: (Date.now() - t0) / 1000, why: summary.failed?.[0]?.why ?? '' });
  rmSync(dir, { recursive: true, force: true });
  console.error(`${c.name}: ${summary.fixed}/${summary.findings} fixed (exit ${r.status})`);
}
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('case', 28)}${pad('split', 9)}${pad('fixed', 8)}${pad('exit', 6)}${pad('time', 8)}why not`);
for (const r of rows) console.log(`${pad(r.name, 28)}${pad(r.split, 9)}${pad(`${r.fixed}/${r.findings}`, 8)}${pad(r.code, 6)}${pad(`${r.seconds.toFixed(0)} s`, 8)}${r.why}`);
const rate = (sel) => {
  const f = sel.reduce((a, r) => a + r.findings, 0);
  const x = sel.reduce((a, r) => a + r.fixed, 0);
  const casesFixed = sel.filter((r) => r.findings > 0 && r.fixed === r.findings).length;
  return `${x}/${f} findings fixed (${f ? ((100 * x) / f).toFixed(0) : 0}%), ${casesFixed}/${sel.length} cases fully fixed`;
};
console.log(`\nmodel ${model}, ${opt('--attempts', '1')} attempt(s) per file`);
console.log(`hold-out (blind): ${rate(rows.filter((r) => r.split === 'holdout'))}`);
console.log(`dev:              ${rate(rows.filter((r) => r.split === 'dev'))}`);
console.log(`all:              ${rate(rows)}`);
