// Owns --output-schema: loading the JSON Schema (a bad file is exit 2 with a sentence), telling the
// model about it (in the task; the provider also sends it as response_format), and checking the
// final answer against it with ajv, with error text the model (repair turn) and the user can read.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv';

export interface OutputSchema {
  file: string;
  schema: Record<string, unknown>;
  validate: ValidateFunction;
}

/** Loads and compiles the schema; a string is the sentence to show when the file is unusable. */
export async function loadOutputSchema(file: string, cwd: string): Promise<OutputSchema | string> {
  const abs = path.resolve(cwd, file);
  let raw: string;
  try {
    raw = await fs.readFile(abs, 'utf8');
  } catch (err) {
    return `Cannot read the --output-schema file ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Pass the path of a JSON Schema file.`;
  }
  let schema: unknown;
  try {
    schema = JSON.parse(raw);
  } catch (err) {
    return `The --output-schema file ${file} is not JSON (${(err as Error).message}). It must hold a JSON Schema such as {"type":"object","properties":{…}}.`;
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return `The --output-schema file ${file} must hold a JSON Schema object such as {"type":"object"}; it holds ${Array.isArray(schema) ? 'an array' : JSON.stringify(schema)}.`;
  }
  const s = schema as Record<string, unknown>;
  // Draft 2020-12 when the schema says so (the OpenAI docs' dialect), draft-07 otherwise.
  // ajv loads only for a run with --output-schema.
  const ajv = typeof s.$schema === 'string' && s.$schema.includes('2020-12') ? new (await import('ajv/dist/2020')).default({ allErrors: true, strict: false }) : new (await import('ajv')).default({ allErrors: true, strict: false });
  try {
    return { file, schema: s, validate: ajv.compile(s) };
  } catch (err) {
    return `The --output-schema file ${file} is not a valid JSON Schema: ${(err as Error).message}. Fix the schema and run again.`;
  }
}

/** What the model is told about the schema, appended to the task. */
export function schemaInstruction(o: OutputSchema): string {
  return `\n\nYour final answer must be only a JSON value, with no prose and no code fences, valid against this JSON Schema:\n\`\`\`json\n${JSON.stringify(o.schema, null, 2)}\n\`\`\``;
}

export type SchemaCheck = { ok: true; json: string } | { ok: false; errors: string };

/** Parses the answer (a single surrounding ```json fence is tolerated) and validates it. */
export function checkAnswer(o: OutputSchema, answer: string): SchemaCheck {
  const trimmed = answer.trim();
  const fenced = /^```[a-zA-Z]*\n([\s\S]*?)\n```$/.exec(trimmed);
  const body = fenced ? fenced[1] : trimmed;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    return { ok: false, errors: `the answer is not JSON (${(err as Error).message})` };
  }
  if (o.validate(value)) return { ok: true, json: body };
  const errors = (o.validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  return { ok: false, errors: errors.join('; ') };
}

/** The message of the one repair turn. */
export function repairTask(errors: string): string {
  return `Your final answer does not match the required JSON Schema: ${errors}. Answer again with only the corrected JSON value — no prose, no code fences.`;
}
