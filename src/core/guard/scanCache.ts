// Owns remembering recent scans' findings by content: a text scanned again unchanged (a file reviewed
// twice, a change proposed again, the same new text checked by several callers) gets its findings
// back without being parsed again. Keyed by a hash of the text (and of the imported helpers' sinks) with
// the path and the rules switched off (findings name the path, and its extension picks the grammar); bounded, least recently used
// first out. It holds findings only, never texts or syntax trees.
import { createHash } from 'node:crypto';
import type { Finding } from '../changes/finding';

/** A scan's findings and what it could not read (scan.ts's ScanReport). */
export interface CachedScan {
  findings: Finding[];
  partial?: string;
  linesOnly?: string;
}

/** How many scans are remembered (findings only: a few KB each). */
export const CACHED_SCANS = 64;

const entries = new Map<string, CachedScan>();
let hits = 0;

/** `imported`: the sinks made by helpers the file imports — the same text with other helpers is another scan. */
export function scanKey(path: string, text: string, disabled: readonly string[], imported: readonly unknown[] = []): string {
  const hash = createHash('sha256').update(text);
  if (imported.length) hash.update('\0').update(JSON.stringify(imported));
  return `${path}\0${[...disabled].sort().join(',')}\0${text.length}\0${hash.digest('base64')}`;
}

/** Copies, so a caller that changes its findings does not change the remembered ones. */
const copy = (s: CachedScan): CachedScan => ({ ...s, findings: s.findings.map((f) => ({ ...f, ...(f.related ? { related: f.related.map((r) => ({ ...r })) } : {}) })) });

export function cachedScan(key: string): CachedScan | undefined {
  const found = entries.get(key);
  if (!found) return undefined;
  // Most recently used last.
  entries.delete(key);
  entries.set(key, found);
  hits++;
  return copy(found);
}

export function rememberScan(key: string, scan: CachedScan): void {
  entries.delete(key);
  entries.set(key, copy(scan));
  while (entries.size > CACHED_SCANS) entries.delete(entries.keys().next().value as string);
}

/** For tests and the benchmark: how many scans are remembered, and how many were answered from memory. */
export function scanCacheStats(): { size: number; hits: number } {
  return { size: entries.size, hits };
}

export function clearScanCache(): void {
  entries.clear();
}
