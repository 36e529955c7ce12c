// The shape of one guard finding, shared by the scanner, approval requests, the panel and the CLI.
export interface Finding {
  ruleId: string;
  cwe: string;
  severity: 'high' | 'medium' | 'low';
  message: string;
  fix: string;
  path: string;
  /** 1-based line in the new text (for a data flow: the line of the sink). */
  line: number;
  snippet: string;
  /** 1-based column of the flagged code, when the parser engine found it. */
  column?: number;
  /** Where a tainted value was read or built, for flows that span lines. */
  related?: Array<{ line: number; message: string }>;
  /** 'model': reported by the model reviewer (core/review), not by a rule; absent: the guard or an external scanner. */
  source?: 'model';
}
