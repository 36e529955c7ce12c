// Owns keeping key-like strings away from the model: OpenAI, AWS, GitHub, Slack and generic bearer
// tokens, and private key blocks, are replaced before tool outputs and context are sent.
const PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, '[REDACTED PRIVATE KEY]'],
  [/\b(?:sk|rk)-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g, '[REDACTED API KEY]'],
  [/\bAKIA[0-9A-Z]{16}\b/g, '[REDACTED AWS KEY]'],
  [/\b(aws_secret_access_key\s*[=:]\s*)[A-Za-z0-9/+=]{40}\b/gi, '$1[REDACTED]'],
  [/\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/g, '[REDACTED GITHUB TOKEN]'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, '[REDACTED SLACK TOKEN]'],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{20,}/g, '$1[REDACTED]'],
];

export function redactKeys(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}
