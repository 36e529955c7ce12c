// Owns "Add server…" in the MCP Servers list: opens the workspace's .vscode/mcp.json, first creating
// it from the commented template when it does not exist (an existing file is never overwritten).
import * as vscode from 'vscode';
import { MCP_JSON_TEMPLATE } from '../../core/mcp/template';

export async function openMcpJson(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Tandem: open a folder first; MCP servers are added to its .vscode/mcp.json, or to the tandem.mcp.servers user setting.');
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.vscode', 'mcp.json');
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.vscode'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(MCP_JSON_TEMPLATE));
  }
  await vscode.window.showTextDocument(uri);
}
