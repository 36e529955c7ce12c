// Task history benchmark: 500 stored tasks (each ~30 messages and a ~25 KB conversation). Times the
// panel's list, a search on message text (first, reading every conversation; then warm), and one
// task's save against what the old store did on every save (the whole task array serialised and
// written again). Figures are medians; the ratios are what to watch.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TaskHistory, type TaskRecord } from '../src/core/tasks/taskHistory';

const TASKS = 500;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f: () => unknown, n = 7): number {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

function makeTask(i: number): TaskRecord {
  const items = Array.from({ length: 30 }, (_, k) => (k % 2 ? { kind: 'assistant', id: `a${k}`, markdown: `Answer ${k} for task ${i}: `.padEnd(400, 'lorem ipsum ') } : { kind: 'user', id: `u${k}`, text: `Question ${k} about module ${i % 37}`.padEnd(200, ' dolor') }));
  if (i === 250) items.push({ kind: 'user', id: 'needle', text: 'Where is the flamingo handler?' });
  return { id: `task_${i}`, title: `Task ${i} on module ${i % 37}`, updated: 1_700_000_000_000 + i * 60_000, items, session: { messages: Array.from({ length: 40 }, (_, k) => ({ role: 'user', content: `m${k} `.padEnd(600, 'x') })) } };
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-history-'));
  try {
    const h = new TaskHistory(join(root, 'tasks'));
    const all = Array.from({ length: TASKS }, (_, i) => makeTask(i));
    for (const t of all) h.save(t);
    const list = time(() => h.list());
    const cold = time(() => new TaskHistory(h.root).search('flamingo'), 3);
    const warm = time(() => h.search('FLAMINGO handler'));
    const title = time(() => h.search('module 7'));
    let n = 0;
    const save = time(() => h.save({ ...all[42], updated: all[42].updated + ++n }));
    const oldSave = time(() => writeFileSync(join(root, 'old-store.json'), JSON.stringify(all)));
    console.log(`| task history, ${TASKS} tasks | median | ratio |`);
    console.log('|---|---|---|');
    console.log(`| list (every meta.json read) | ${list.toFixed(1)} ms | 1.00× |`);
    console.log(`| search message text, first (every conversation read) | ${cold.toFixed(1)} ms | ${(cold / list).toFixed(2)}× list |`);
    console.log(`| search message text, warm | ${warm.toFixed(1)} ms | ${(warm / list).toFixed(2)}× list |`);
    console.log(`| search a title word | ${title.toFixed(1)} ms | ${(title / list).toFixed(2)}× list |`);
    console.log(`| save one task | ${save.toFixed(1)} ms | 1.00× |`);
    console.log(`| old store: every save rewrote all ${TASKS} | ${oldSave.toFixed(1)} ms | ${(oldSave / save).toFixed(1)}× one task's save |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
