// Owns the reviewer's answer format: the one JSON Schema (sent as response_format where the server
// takes it, and checked with ajv either way — the model's text never chooses the schema), the
// parsing of an answer (a single ```json fence is tolerated), and turning valid findings into the
// shared Finding shape, marked as the model's.
import Ajv, { type ValidateFunction } from 'ajv';
import type { Finding } from '../changes/finding';

export const REVIEW_SCHEMA_NAME = 'tandem_review';

/** Frozen: nothing at run time (least of all the reviewed text) can change what is asked and checked. */
export const REVIEW_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'object',
  additionalProperties: false,
  required: ['findings'],
  properties: {
    findings: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'line', 'severity', 'cwe', 'title', 'rationale', 'suggestion'],
        properties: {
          path: { type: 'string', minLength: 1, maxLength: 500 },
          line: { type: 'integer', minimum: 1 },
          severity: { enum: ['high', 'medium', 'low'] },
          cwe: { anyOf: [{ type: 'string', pattern: '^CWE-[0-9]{1,5}$' }, { type: 'null' }] },
          title: { type: 'string', minLength: 1, maxLength: 200 },
          rationale: { type: 'string', maxLength: 2000 },
          suggestion: { type: 'string', maxLength: 2000 },
        },
      },
    },
  },
});

export interface ModelFinding {
  path: string;
  line: number;
  severity: 'high' | 'medium' | 'low';
  cwe: string | null;
  title: string;
  rationale: string;
  suggestion: string;
}

type ReviewValidator = ValidateFunction<{ findings: ModelFinding[] }>;
let compiled: ReviewValidator | undefined;
/** Compiled at the first review, not when the bundle loads (ajv's compile costs ~50 ms of every `tandem exec` start). */
const validator = (): ReviewValidator => (compiled ??= new Ajv({ allErrors: true, strict: false }).compile<{ findings: ModelFinding[] }>(REVIEW_SCHEMA));

export type AnswerCheck = { ok: true; findings: ModelFinding[] } | { ok: false; errors: string };

export function checkReviewAnswer(answer: string): AnswerCheck {
  const trimmed = answer.trim();
  const fenced = /^```[a-zA-Z]*\n([\s\S]*?)\n```$/.exec(trimmed);
  let value: unknown;
  try {
    value = JSON.parse(fenced ? fenced[1] : trimmed);
  } catch (err) {
    return { ok: false, errors: `the answer is not JSON (${(err as Error).message})` };
  }
  const validate = validator();
  if (validate(value)) return { ok: true, findings: value.findings };
  const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  return { ok: false, errors: errors.join('; ') };
}

// eslint-disable-next-line no-control-regex -- control characters and bidi overrides could forge report lines
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const clean = (s: string) => s.replace(HIDDEN, '');

/** The rule id a model finding carries in reports and SARIF: one per CWE, so code scanning groups them. */
export function modelRuleId(cwe: string | null): string {
  return cwe ? `tandem-review/${cwe.toLowerCase()}` : 'tandem-review/general';
}

/**
 * The model's findings as Findings. A line past the end of its file is moved to the last line; a
 * path that is not one of the reviewed files is kept as the model said it (reported, not dropped).
 */
export function toFindings(found: ModelFinding[], lineCount: (path: string) => number | undefined, snippet: (path: string, line: number) => string): Finding[] {
  return found.map((m) => {
    const path = clean(m.path).replace(/^\.?\//, '');
    const max = lineCount(path);
    const line = max !== undefined ? Math.min(m.line, Math.max(1, max)) : m.line;
    return {
      ruleId: modelRuleId(m.cwe),
      cwe: m.cwe ?? '',
      severity: m.severity,
      message: `${clean(m.title)}${m.rationale ? ` — ${clean(m.rationale)}` : ''}`,
      fix: clean(m.suggestion),
      path,
      line,
      snippet: snippet(path, line),
      source: 'model' as const,
    };
  });
}
