// Owns turning guard findings into a SARIF 2.1.0 log that GitHub code scanning accepts: one rule
// descriptor per rule (CWE tags, GitHub's numeric security-severity), one result per finding with a
// %SRCROOT%-relative location, a fingerprint that survives line moves, and where a tainted value was
// built as related locations. Pure: no file system, no clock.
import { createHash } from 'node:crypto';
import type { Finding } from '../changes/finding';
import { percentEncodeBytes } from '../util/rawNames';
import type { ruleDescriptors } from './scan';

// Derived from the function, not imported by name: the descriptor type lives in a different module
// on the parser-engine branch, and this stays right on both.
type RuleDescriptor = ReturnType<typeof ruleDescriptors>[number];

/** Optional details a finding may carry (the parser engine adds them; today's line rules do not). */
export type SarifFinding = Finding & {
  column?: number;
  endLine?: number;
  related?: Array<{ line: number; message: string }>;
};

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
}

export interface SarifNotification {
  level: 'error' | 'warning' | 'note';
  message: string;
  /** Relative path the notification is about, if any. */
  path?: string;
}

export interface SarifOptions {
  tool: SarifTool;
  /** Absolute folder the relative paths start from, given to viewers as %SRCROOT%. */
  root?: string;
  /** Things the run could not do (an unreadable file): reported, not dropped. */
  notifications?: SarifNotification[];
  /** Relative paths as bytes, for file names that are not UTF-8 (keyed by the shown path). */
  rawPaths?: ReadonlyMap<string, Buffer>;
}

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Finding['severity'], Level> = { high: 'error', medium: 'warning', low: 'note' };
// GitHub buckets security-severity into critical (>= 9), high (7-8.9), medium (4-6.9) and low (0.1-3.9).
const SECURITY_SEVERITY: Record<Finding['severity'], string> = { high: '8.0', medium: '5.5', low: '3.0' };

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'tandemGuard/v1';

/**
 * A relative path as a URI reference (RFC 3986): forward slashes, each segment percent-encoded byte by
 * byte (spaces, #, ?, %, :, non-ASCII). `raw`: the path's bytes when they are not UTF-8. A backslash is
 * a folder separator only on Windows; on POSIX it is a character of the name (%5C).
 */
export function relativeUri(rel: string, opts: { raw?: Buffer; platform?: NodeJS.Platform } = {}): string {
  const segments = opts.raw ? splitBytes(opts.raw) : (opts.platform ?? process.platform) === 'win32' ? rel.replace(/\\/g, '/').split('/') : rel.split('/');
  return segments
    .map((s) => (typeof s === 'string' ? Buffer.from(s) : s))
    .filter((s) => s.length > 0 && !(s.length === 1 && s[0] === 0x2e))
    .map(percentEncodeBytes)
    .join('/');
}

function splitBytes(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= b.length; i++) {
    if (i === b.length || b[i] === 0x2f) {
      out.push(b.subarray(start, i));
      start = i + 1;
    }
  }
  return out;
}

/** An absolute folder as a file: URI ending in a slash (SARIF requires the slash for base URIs). */
export function folderUri(abs: string): string {
  const posix = abs.replace(/\\/g, '/');
  const withRoot = posix.startsWith('/') ? posix : `/${posix}`;
  const encoded = withRoot
    .split('/')
    .map((s) => (/^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s)))
    .join('/');
  return `file://${encoded.endsWith('/') ? encoded : `${encoded}/`}`;
}

/** "sql-injection" -> "SqlInjection": SARIF's rule name is an identifier-like label. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

function cweTag(cwe: string): string | undefined {
  const m = /^CWE-(\d+)$/i.exec(cwe.trim());
  return m ? `external/cwe/cwe-${m[1]}` : undefined;
}

function descriptorFor(r: RuleDescriptor) {
  const cwe = cweTag(r.cwe);
  const languages = r.languages.length ? r.languages.join(', ') : 'all files';
  return {
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.message },
    fullDescription: { text: `${r.message} (${r.cwe}; ${languages}.)` },
    help: {
      text: `${r.message}\nFix: ${r.fix}`,
      markdown: `**${r.cwe}**: ${r.message}\n\n**Fix:** ${r.fix}`,
    },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ['security', ...(cwe ? [cwe] : [])],
      precision: 'medium',
      'security-severity': SECURITY_SEVERITY[r.severity],
    },
  };
}

function normalisedLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Stable across runs and across commits that only move the line: the rule, the file and the line's
 * text with whitespace collapsed; the ":n" suffix tells apart identical lines in one file.
 */
export function fingerprints(findings: Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const hash = createHash('sha256').update(`${f.ruleId}\0${relativeUri(f.path)}\0${normalisedLine(f.snippet)}`).digest('hex').slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}

function location(uri: string, line: number, column?: number, endLine?: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
      region: { startLine: line, ...(column && column > 0 ? { startColumn: column } : {}), ...(endLine && endLine >= line ? { endLine } : {}) },
    },
  };
}

function resultFor(f: SarifFinding, ruleIndex: number, fingerprint: string, raw?: Buffer) {
  const uri = relativeUri(f.path, { raw });
  const related = (f.related ?? []).filter((r) => Number.isInteger(r.line) && r.line > 0);
  // SARIF embedded links ("[text](id)" naming a related location): GitHub renders them as links to the line.
  const builtAt = related.length ? ` Where the value comes from: ${related.map((r, i) => `[line ${r.line}](${i + 1})`).join(', ')}.` : '';
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.message}${builtAt} Fix: ${f.fix}` },
    locations: [location(uri, f.line, f.column, f.endLine)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(related.length ? { relatedLocations: related.map((r, i) => ({ id: i + 1, ...location(uri, r.line), message: { text: r.message } })) } : {}),
  };
}

/** The SARIF log for one scan: every known rule is described, so a clean run still lists what was checked. */
export function buildSarif(findings: SarifFinding[], rules: RuleDescriptor[], options: SarifOptions) {
  const all = [...rules];
  const index = new Map(all.map((r, i) => [r.id, i]));
  for (const f of findings) {
    // A finding from a rule the descriptor list does not know still gets a descriptor: GitHub rejects dangling ruleIds.
    if (!index.has(f.ruleId)) {
      index.set(f.ruleId, all.length);
      all.push({ id: f.ruleId, cwe: f.cwe, severity: f.severity, message: f.message, fix: f.fix, languages: [] });
    }
  }
  const prints = fingerprints(findings);
  const notifications = options.notifications ?? [];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            informationUri: options.tool.informationUri,
            version: options.tool.version,
            semanticVersion: options.tool.version,
            rules: all.map(descriptorFor),
          },
        },
        ...(options.root ? { originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(options.root) } } } : {}),
        invocations: [
          {
            // A file the scanner failed on means missing results: the run says it did not fully succeed.
            executionSuccessful: !notifications.some((n) => n.level === 'error'),
            ...(notifications.length
              ? {
                  toolExecutionNotifications: notifications.map((n) => ({
                    level: n.level,
                    message: { text: n.message },
                    ...(n.path ? { locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(n.path, { raw: options.rawPaths?.get(n.path) }), uriBaseId: '%SRCROOT%' } } }] } : {}),
                  })),
                }
              : {}),
          },
        ],
        columnKind: 'utf16CodeUnits' as const,
        results: findings.map((f, i) => resultFor(f, index.get(f.ruleId)!, prints[i], options.rawPaths?.get(f.path))),
      },
    ],
  };
}

export type SarifLog = ReturnType<typeof buildSarif>;
