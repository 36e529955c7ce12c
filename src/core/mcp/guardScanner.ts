// Owns using a scanner served over MCP (tandem.guard.mcpScanner) on proposed changes: the tool gets
// {path, content, diff}; its answer is read as JSON findings ({findings|results: [{ruleId, message,
// line, severity, cwe}]}) when it is JSON, otherwise any non-empty text is one finding.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpConnection } from './connection';
import type { ProposedChange } from '../changes/change';
import type { Finding } from '../changes/finding';

type Raw = { ruleId?: string; rule?: string; id?: string; message?: string; line?: number; severity?: string; cwe?: string; fix?: string };

function severityOf(s: string | undefined): Finding['severity'] {
  const v = (s ?? '').toLowerCase();
  return v === 'high' || v === 'critical' || v === 'error' ? 'high' : v === 'low' || v === 'info' || v === 'note' ? 'low' : 'medium';
}

export function findingsFromScannerText(text: string, path: string, scanner: string): Finding[] {
  const trimmed = text.trim();
  if (!trimmed || /^no (findings|issues|problems)\b/i.test(trimmed)) return [];
  try {
    const json = JSON.parse(trimmed) as { findings?: Raw[]; results?: Raw[] } | Raw[];
    const list = Array.isArray(json) ? json : (json.findings ?? json.results ?? []);
    return list.map((r) => ({
      ruleId: `${scanner}:${r.ruleId ?? r.rule ?? r.id ?? 'finding'}`,
      cwe: r.cwe ?? '',
      severity: severityOf(r.severity),
      message: r.message ?? 'reported by the scanner',
      fix: r.fix ?? '',
      path,
      line: typeof r.line === 'number' && r.line > 0 ? r.line : 1,
      snippet: '',
    }));
  } catch {
    return [{ ruleId: `${scanner}:finding`, cwe: '', severity: 'medium', message: trimmed.slice(0, 500), fix: '', path, line: 1, snippet: '' }];
  }
}

export function mcpScanner(conn: McpConnection, tool: string): (change: ProposedChange, signal: AbortSignal) => Promise<Finding[]> {
  return async (change, signal) => {
    if (change.kind === 'delete' || change.newText === undefined) return [];
    const path = change.newPath ?? change.path;
    const result: CallToolResult = await conn.callTool(tool, { path, content: change.newText, diff: change.diff }, signal);
    if (result.isError) return [];
    const text = (result.content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    return findingsFromScannerText(text, path, `${conn.def.name}/${tool}`);
  };
}
