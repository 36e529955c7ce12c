// Owns tandem.review.when's "high-risk": whether a change touches code where a second opinion pays —
// the guard found something, the policy protects the path, or the added lines (or the file's name)
// deal with authentication, cryptography, SQL, shells, file paths or deserialisation.
import type { ProposedChange } from '../changes/change';
import type { Finding } from '../changes/finding';
import { protectedEditReason, secretReason } from '../policy/pathRules';
import { addedLineNumbers } from './lines';
import type { ReviewWhen } from './when';


/** Topics with the words that show them, in code of any of the guard's languages. */
const TOPICS: Array<{ topic: string; re: RegExp }> = [
  { topic: 'authentication', re: /(auth|login|logout|passw(or)?d|passwd|session|jwt|token|credential|permission|\brole|\bacl\b|csrf|cookie|admin)/i },
  { topic: 'cryptography', re: /(crypt|cipher|hash|hmac|\bsha-?\d|md5|\baes|\brsa\b|ecdsa|signature|verify|random|secret|\bsalt|nonce|\btls|\bssl|x509|certificate)/i },
  { topic: 'SQL', re: /\b(select\s.+\sfrom|insert\s+into|update\s+\w+\s+set|delete\s+from|execute(Query|Update)?|raw\s*\(|cursor|prepareStatement|query\s*\(|knex|sequelize|sqlalchemy)\b/i },
  { topic: 'shell', re: /\b(exec(Sync|File)?|spawn(Sync)?|child_process|subprocess|os\.system|popen|Runtime\.getRuntime|ProcessBuilder|shell\s*=\s*True|eval|Function\s*\()/i },
  { topic: 'file paths', re: /\b(readFile\w*|writeFile\w*|createReadStream|unlink|rmSync|path\.(join|resolve)|open\s*\(|send_?file|FileInputStream|Paths\.get|os\.path|sendFile|upload|download)\b/i },
  { topic: 'deserialisation', re: /\b(pickle|marshal|yaml\.(load|unsafe_load)|ObjectInputStream|readObject|deserializ\w*|unserialize|XMLDecoder|jsonpickle|node-serialize)\b/i },
];

const SENSITIVE_NAME = /(auth|login|session|crypto|secur|password|token|sql|db|database|shell|exec|upload|serial|admin|permission)/i;

/** Why a change is high-risk (for the note on the card), or undefined when it is not. */
export function highRiskReason(changes: ProposedChange[], guardFindings: Finding[]): string | undefined {
  if (guardFindings.length) return 'the guard found something';
  for (const c of changes) {
    const path = c.newPath ?? c.path;
    if (protectedEditReason({ path, oldText: c.oldText, newText: c.newText }) || secretReason(path)) return `${path} is a protected or secret path`;
    if (SENSITIVE_NAME.test(path.split('/').pop() ?? '')) return `${path} is named after sensitive code`;
    const lines = (c.newText ?? '').split('\n');
    const added = [...addedLineNumbers(c)].map((n) => lines[n - 1] ?? '');
    if (c.kind === 'delete') added.push(...(c.oldText ?? '').split('\n'));
    for (const t of TOPICS) if (added.some((l) => t.re.test(l))) return `the change touches ${t.topic}`;
  }
  return undefined;
}

/** Whether tandem.review.when asks for a review of these changes, and why. */
export function shouldReview(when: ReviewWhen, changes: ProposedChange[], guardFindings: Finding[]): { review: boolean; reason: string } {
  if (when === 'off') return { review: false, reason: 'tandem.review.when is off' };
  if (when === 'always') return { review: true, reason: 'tandem.review.when is always' };
  const reason = highRiskReason(changes, guardFindings);
  return reason ? { review: true, reason } : { review: false, reason: 'the change touches no sensitive code' };
}
