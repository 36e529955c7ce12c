// Owns how a taint finding is worded: which rule, where, why (untrusted input, built text, a helper that
// runs its parameter) and the lines where the value was read or built (SARIF related locations).
import type { Finding } from '../../changes/finding';
import type { TaintRule } from '../rules/types';
import type { Value } from './value';

export interface Reach {
  /** Untrusted input reaches the sink (else built text or any non-constant value). */
  viaTaint: boolean;
  viaBuilt: boolean;
  /** The summarised helper the call runs (`run() (src/a.ts, line 3)`), when the sink is one. */
  via?: string;
}

export function taintFinding(rule: TaintRule, v: Value, reach: Reach, at: { path: string; line: number; column: number; snippet: string }): Finding {
  const { viaTaint, viaBuilt, via } = reach;
  const related = v.lines.filter((l) => l !== at.line).map((l) => ({ line: l, message: viaTaint ? 'the untrusted value is read or passed on here' : 'the text is built here' }));
  const why = via ? ` It calls ${via}, which runs its parameter as a command or query;${viaTaint ? ' untrusted input' : ' a value built from non-constant parts'} reaches it` : viaTaint ? ` Untrusted input (${v.source ?? 'a request value'}) reaches it` : viaBuilt ? ' The text is built from a non-constant value' : ' The value is not a constant';
  const where = related.length ? ` (built on line ${related.map((r) => r.line).join(', ')}).` : '.';
  return {
    ruleId: rule.id,
    cwe: rule.cwe,
    severity: rule.severity,
    message: `${rule.message}${why}${where}`,
    fix: rule.fix,
    ...at,
    ...(related.length ? { related } : {}),
  };
}
