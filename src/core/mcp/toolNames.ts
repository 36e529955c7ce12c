// Owns the names MCP tools get in front of the model: mcp__<server>__<tool> in OpenAI's charset
// ([A-Za-z0-9_-], at most 64 characters). Mapping characters and truncating can make two tools one
// name (server "a.b" and "a_b"); those get a suffix hashed from their own server and tool names, so
// a name never depends on listing order, and the collision is reported once.
import { createHash } from 'node:crypto';

export const MAX_TOOL_NAME = 64;

const clean = (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, '_');
const hash8 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

/** The plain name: characters mapped, truncated with a hash of the original names when too long. */
export function mcpToolName(server: string, tool: string): string {
  const full = `mcp__${clean(server)}__${clean(tool)}`;
  if (full.length <= MAX_TOOL_NAME) return full;
  return `${full.slice(0, MAX_TOOL_NAME - 9)}_${hash8(`${server}/${tool}`)}`;
}

export interface McpToolRef {
  server: string;
  tool: string;
}

export const toolKey = (r: McpToolRef) => `${r.server}\u0000${r.tool}`;

function suffixed(r: McpToolRef, attempt: number): string {
  const base = mcpToolName(r.server, r.tool);
  return `${base.slice(0, MAX_TOOL_NAME - 9)}_${hash8(`${toolKey(r)}\u0000${attempt}`)}`;
}

/**
 * Unique names for a set of tools (keyed by toolKey). Names that differ only in case count as the
 * same, since a model easily mixes them up. In a colliding group, a tool whose names needed no
 * mapping or truncation keeps its plain name when it is the only such one; the others get suffixes.
 */
export function assignToolNames(refs: McpToolRef[]): { names: Map<string, string>; warnings: string[] } {
  const names = new Map<string, string>();
  const warnings: string[] = [];
  const groups = new Map<string, McpToolRef[]>();
  for (const r of refs) {
    if (names.has(toolKey(r))) continue;
    names.set(toolKey(r), '');
    const plain = mcpToolName(r.server, r.tool).toLowerCase();
    groups.set(plain, [...(groups.get(plain) ?? []), r]);
  }
  const taken = new Set<string>();
  for (const group of groups.values()) {
    if (group.length === 1) {
      const name = mcpToolName(group[0].server, group[0].tool);
      names.set(toolKey(group[0]), name);
      taken.add(name.toLowerCase());
    }
  }
  // One warning per set of servers involved (servers "a.b" and "a_b" collide on every tool they share).
  const byServers = new Map<string, string[]>();
  const byKey = (a: McpToolRef, b: McpToolRef) => (toolKey(a) < toolKey(b) ? -1 : 1);
  for (const group of groups.values()) {
    if (group.length === 1) continue;
    const exact = group.filter((r) => `mcp__${r.server}__${r.tool}` === mcpToolName(r.server, r.tool));
    const keeper = exact.length === 1 ? exact[0] : undefined;
    const given: string[] = [];
    for (const r of [...group].sort(byKey)) {
      let name = r === keeper ? mcpToolName(r.server, r.tool) : suffixed(r, 0);
      for (let attempt = 1; taken.has(name.toLowerCase()); attempt++) name = suffixed(r, attempt);
      taken.add(name.toLowerCase());
      names.set(toolKey(r), name);
      given.push(`"${r.server}" / "${r.tool}" as ${name}`);
    }
    const servers = JSON.stringify([...new Set(group.map((r) => r.server))].sort());
    byServers.set(servers, [...(byServers.get(servers) ?? []), `${given.join(', ')} (all ${mcpToolName(group[0].server, group[0].tool)})`]);
  }
  for (const [servers, lines] of byServers) {
    const list = JSON.parse(servers) as string[];
    const who = list.length > 1 ? `Servers ${list.map((n) => `"${n}"`).join(' and ')} give tools the same names` : `Server "${list[0]}" has tools with the same name`;
    const shown = lines.length > 5 ? [...lines.slice(0, 5), `${lines.length - 5} more`] : lines;
    warnings.push(`${who} once mapped to the characters the model API allows; they are offered as ${shown.join('; ')}.`);
  }
  return { names, warnings };
}
