// Owns fully-qualified Java names: `java.security.MessageDigest.getInstance`, `new java.io.File(…)`,
// `org.owasp.esapi.ESAPI.encoder().encodeForHTML(…)` name the same classes as their imported short
// forms, so rules written against `MessageDigest.getInstance` or `new File` see both spellings. A
// package prefix is a run of lower-case segments from a well-known root, ending before the first
// capitalised segment (the class).
const PACKAGE = /^((?:new\s+)?)(?:java|javax|jakarta|org|com|net|io|edu|android|androidx|sun|kotlin|scala|groovy)\.(?:[a-z_][\w$]*\.)*(?=[A-Z])/;

/** The text with a leading package prefix removed (`new java.io.File` → `new File`), else the text itself. */
export function withoutPackage(text: string): string {
  return PACKAGE.test(text) ? text.replace(PACKAGE, '$1') : text;
}

