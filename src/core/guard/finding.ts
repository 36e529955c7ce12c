// The shape of one guard finding, shared by the scanner, approval requests and the panel.
export interface Finding {
  ruleId: string;
  cwe: string;
  severity: 'high' | 'medium' | 'low';
  message: string;
  fix: string;
  path: string;
  /** 1-based line in the new text. */
  line: number;
  snippet: string;
}
