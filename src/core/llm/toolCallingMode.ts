// The values of tandem.agent.toolCalling / --tool-calling, apart from the provider so the CLI's
// argument parser can check them without loading the model client.
export type ToolCallingMode = 'auto' | 'native' | 'text';
export const TOOL_CALLING_MODES: readonly ToolCallingMode[] = ['auto', 'native', 'text'];
