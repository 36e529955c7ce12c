// Owns how `tandem fix` splits its work: the guard's findings grouped by file (one agent task per
// file, in path order), the --rules selection, and --shard I/N — group p (0-based, path order) goes
// to shard (p mod N) + 1, so each job of a CI matrix gets a fixed, disjoint part whatever the machine.
import type { Finding } from '../changes/finding';

export interface FindingGroup {
  path: string;
  /** The selected findings of this file, by line. */
  findings: Finding[];
  /** Every finding the file had before (selected or not): the baseline a patch is compared with. */
  before: Finding[];
}

export interface Shard {
  index: number;
  count: number;
}

export function groupFindings(all: Finding[], rules: string[] | undefined): FindingGroup[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of all) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  const groups: FindingGroup[] = [];
  for (const [path, before] of byFile) {
    const findings = before.filter((f) => !rules || rules.includes(f.ruleId)).sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
    if (findings.length) groups.push({ path, findings, before });
  }
  return groups.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function shardOf<T>(groups: T[], shard: Shard): T[] {
  return groups.filter((_, i) => i % shard.count === shard.index - 1);
}
