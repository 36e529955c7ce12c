// Owns the results of `tandem eval`: per task and model how many of K attempts passed, pass@1 …
// pass@K per model (the mean over tasks of the unbiased estimator), the table, and merging the JSON
// of several shards into one result (`tandem eval merge`).
import * as z from 'zod';
import { passAtK } from '../core/attempts/passAtK';

export interface EvalTaskResult {
  task: string;
  model: string;
  /** Attempts run (K unless cancelled). */
  n: number;
  /** Attempts whose tests passed. */
  c: number;
}

export interface EvalResults {
  type: 'eval';
  attempts: number;
  shard: string;
  tasks: EvalTaskResult[];
  models: Record<string, { tasks: number; passAtK: Record<string, number> }>;
}

const resultsSchema = z.object({
  type: z.literal('eval'),
  attempts: z.number().int().min(1),
  shard: z.string(),
  tasks: z.array(z.object({ task: z.string(), model: z.string(), n: z.number().int().min(1), c: z.number().int().min(0) }).refine((t) => t.c <= t.n, 'c must not exceed n')),
});

/** pass@k per model: the mean over its tasks of 1 − C(n−c, k)/C(n, k), k = 1 … attempts. */
export function summarise(tasks: EvalTaskResult[], attempts: number, shard: string): EvalResults {
  const models: EvalResults['models'] = {};
  const byModel = new Map<string, EvalTaskResult[]>();
  for (const t of tasks) byModel.set(t.model, [...(byModel.get(t.model) ?? []), t]);
  for (const [model, list] of byModel) {
    const table: Record<string, number> = {};
    for (let k = 1; k <= attempts; k++) {
      const mean = list.reduce((sum, t) => sum + (k <= t.n ? passAtK(t.n, t.c, k) : t.c > 0 ? 1 : 0), 0) / list.length;
      table[String(k)] = Math.round(mean * 1e6) / 1e6;
    }
    models[model] = { tasks: list.length, passAtK: table };
  }
  return { type: 'eval', attempts, shard, tasks, models };
}

export function evalTable(r: EvalResults): string {
  const ks = Array.from({ length: r.attempts }, (_, i) => String(i + 1));
  const rows = [['model', 'tasks', ...ks.map((k) => `pass@${k}`)]];
  for (const [model, m] of Object.entries(r.models)) rows.push([model, String(m.tasks), ...ks.map((k) => m.passAtK[k].toFixed(3))]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return `${rows.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n')}\n`;
}

/** Combines shard results; a string is the error (what is wrong with which file). */
export function mergeResults(inputs: Array<{ file: string; text: string }>): EvalResults | string {
  const tasks: EvalTaskResult[] = [];
  const seen = new Map<string, string>();
  let attempts: number | undefined;
  for (const { file, text } of inputs) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return `${file} is not JSON; pass the files written by tandem eval --json or --output.`;
    }
    const r = resultsSchema.safeParse(parsed);
    if (!r.success) return `${file} is not a tandem eval result: ${r.error.issues[0].path.join('.') || 'the file'} ${r.error.issues[0].message}.`;
    if (attempts !== undefined && r.data.attempts !== attempts) return `${file} was run with --attempts ${r.data.attempts}, the others with ${attempts}; merge results of the same --attempts only.`;
    attempts = r.data.attempts;
    for (const t of r.data.tasks) {
      const key = `${t.model}\0${t.task}`;
      if (seen.has(key)) return `Task "${t.task}" with model ${t.model} is in both ${seen.get(key)} and ${file}; were two shards given the same --shard?`;
      seen.set(key, file);
      tasks.push(t);
    }
  }
  tasks.sort((a, b) => a.model.localeCompare(b.model) || a.task.localeCompare(b.task));
  return summarise(tasks, attempts!, `merged from ${inputs.length}`);
}
