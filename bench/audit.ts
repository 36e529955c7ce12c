// Cost of the signed, anchored AI change log and of MCP argument checks: one append (sign, write
// the line, rewrite the head record, under the lock) and a full verify, at two log sizes; and an
// MCP argument check with the ajv validator compiled once per schema against its first compile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { userAnchor } from '../src/core/audit/heads';
import { AuditLedger } from '../src/core/audit/ledger';
import { argumentsValidator } from '../src/core/mcp/jsonSchema';

const change = (i: number) => ({ task: 'bench', model: 'm', file: `src/f${i}.ts`, kind: 'update', diff: `--- a\n+++ b\n+line ${i}\n`.repeat(20), approvedBy: 'user' as const, findings: [] });

async function ledgerRow(size: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  try {
    const ledger = new AuditLedger(join(dir, 'ws', 'log.jsonl'), userAnchor({ XDG_CONFIG_HOME: join(dir, 'config') }));
    for (let i = 0; i < size; i++) await ledger.append(change(i));
    const n = 50;
    let t = performance.now();
    for (let i = 0; i < n; i++) await ledger.append(change(size + i));
    const append = (performance.now() - t) / n;
    t = performance.now();
    const v = await ledger.verify();
    const verify = performance.now() - t;
    if (!v.ok) throw new Error(v.reason);
    return [`${size.toLocaleString('en')} entries`, `${append.toFixed(2)} ms`, `${verify.toFixed(0)} ms`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log('| AI change log | append (signed + head) | verify all |');
  console.log('|---|---|---|');
  for (const size of [1_000, 5_000]) console.log(`| ${(await ledgerRow(size)).join(' | ')} |`);

  const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { env: { enum: ['dev', 'prod'] }, steps: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } }, required: ['env'], additionalProperties: false };
  let t = performance.now();
  const check = argumentsValidator(schema);
  const compile = performance.now() - t;
  const args = { env: 'dev', steps: Array.from({ length: 20 }, (_, i) => ({ name: `s${i}` })) };
  const n = 10_000;
  t = performance.now();
  for (let i = 0; i < n; i++) {
    argumentsValidator(schema);
    check(args);
  }
  const perCall = ((performance.now() - t) * 1000) / n;
  console.log('\n| MCP argument check (ajv) | time |');
  console.log('|---|---|');
  console.log(`| first compile of a 2020-12 schema | ${compile.toFixed(1)} ms |`);
  console.log(`| cached look-up + check, 20-item array | ${perCall.toFixed(1)} µs |`);
}
