// The built-in tool names in one place: the panel, MCP, tests and the system prompt rely on them.
export const ToolName = {
  readFile: 'read_file',
  listDir: 'list_dir',
  findFiles: 'find_files',
  search: 'search',
  writeFile: 'write_file',
  editFile: 'edit_file',
  applyPatch: 'apply_patch',
  runCommand: 'run_command',
} as const;

// Read-only tools answered by the editor's language servers; only where an editor provides them.
export const LanguageToolName = {
  goToDefinition: 'go_to_definition',
  findReferences: 'find_references',
  documentSymbols: 'document_symbols',
  workspaceSymbols: 'workspace_symbols',
  hover: 'hover',
  diagnostics: 'diagnostics',
} as const;

// Tools about the conversation itself (a plan, a question to the user); the Agent adds them.
export const ConversationToolName = {
  updatePlan: 'update_plan',
  askUser: 'ask_user',
} as const;
