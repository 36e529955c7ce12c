// Owns the .vscode/mcp.json that "MCP Servers → Add server…" creates when the workspace has none:
// VS Code's format, no server enabled, and commented examples of the two transports to copy.
export const MCP_JSON_TEMPLATE = `{
  // MCP servers for this workspace (VS Code's format; Tandem reads it too). A server defined here
  // starts only after you enable it in "Tandem: MCP Servers", and its stdio process runs in the
  // command sandbox. Uncomment an example, rename it, and save.
  "servers": {
    // "filesystem": {
    //   "type": "stdio",
    //   "command": "npx",
    //   "args": ["-y", "@modelcontextprotocol/server-filesystem", "\${workspaceFolder}"]
    // },
    // "docs": {
    //   "type": "http",
    //   "url": "http://localhost:3000/mcp"
    // }
  }
}
`;
