// Owns the MCP servers an ACP client passes with session/new and session/load (stdio, HTTP, SSE), as
// Tandem's own server definitions: they are the user's servers from the editor's settings, so they
// start without the workspace enabling step, next to the ones Tandem's own config names.
import type * as acp from '@agentclientprotocol/sdk';
import type { McpServerDef } from '../../core/mcp/config';

const pairs = (list: Array<{ name: string; value: string }> | undefined) => Object.fromEntries((list ?? []).map((p) => [p.name, p.value]));

export function clientMcpServers(servers: acp.McpServer[] | undefined): McpServerDef[] {
  return (servers ?? []).map((s): McpServerDef => {
    if ('type' in s && (s.type === 'http' || s.type === 'sse')) return { name: s.name, source: 'user settings', transport: s.type, url: s.url, headers: pairs(s.headers) };
    const stdio = s as acp.McpServerStdio;
    return { name: stdio.name, source: 'user settings', transport: 'stdio', command: stdio.command, args: stdio.args ?? [], env: pairs(stdio.env) };
  });
}
