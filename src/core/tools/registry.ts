// Owns the set of built-in tools, their specs for the model (the same bytes on every call, so
// providers' prompt caches hit), and invoking a tool by name from the model's raw JSON arguments:
// unknown names, unparsable JSON and schema violations come back as error results that say how to
// fix the call; only fatal errors and cancellation end the turn.
import * as z from 'zod';
import { redactKeys } from '../secrets/redact';
import { applyPatchTool } from './applyPatchTool';
import { editFileTool } from './editFile';
import { findFilesTool } from './findFiles';
import { listDirTool } from './listDir';
import { readFileTool } from './readFile';
import { runCommandTool } from './runCommand';
import { searchTool } from './search';
import { FatalToolError, ToolCallError, type Tool, type ToolContext, type ToolResult } from './types';
import { writeFileTool } from './writeFile';

export function builtinTools(): Tool[] {
  return [readFileTool, listDirTool, findFilesTool, searchTool, writeFileTool, editFileTool, applyPatchTool, runCommandTool] as Tool[];
}

export interface FunctionToolSpec {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** JSON Schema of a tool's arguments: the server's own for external tools, else from zod. */
export function parametersOf(tool: Tool): Record<string, unknown> {
  if (tool.inputJsonSchema) return tool.inputJsonSchema;
  const { $schema: _drop, ...schema } = z.toJSONSchema(tool.schema as z.ZodType, { io: 'input' }) as Record<string, unknown>;
  return schema;
}

export function toolSpecs(tools: Tool[]): FunctionToolSpec[] {
  return tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: parametersOf(t) } }));
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`).join('; ');
}

export async function invokeTool(tools: Tool[], name: string, rawArgs: string, ctx: ToolContext, signal: AbortSignal): Promise<ToolResult> {
  const tool = tools.find((t) => t.name === name);
  if (!tool) return { output: `There is no tool named "${name}". Available tools: ${tools.map((t) => t.name).join(', ')}.`, isError: true };
  let args: unknown;
  try {
    args = rawArgs.trim() === '' ? {} : JSON.parse(rawArgs);
  } catch (err) {
    return { output: `The arguments for ${name} are not valid JSON (${(err as Error).message}). Send one JSON object matching the tool's schema.`, isError: true };
  }
  const parsed = tool.schema.safeParse(args);
  if (!parsed.success) return { output: `Invalid arguments for ${name}: ${describeIssues(parsed.error)}. Fix them and call again.`, isError: true };
  try {
    const result = await tool.invoke(parsed.data, ctx, signal);
    // Key-like strings in files or command output never reach the model.
    return { ...result, output: redactKeys(result.output, ctx.env ?? process.env, { workspaceRoot: ctx.workspaceRoot }) };
  } catch (err) {
    if (err instanceof FatalToolError || signal.aborted) throw err;
    if (err instanceof ToolCallError) return { output: err.message, isError: true };
    const code = (err as NodeJS.ErrnoException).code;
    return { output: `${name} failed: ${code ? `${code}: ` : ''}${(err as Error).message ?? String(err)}`, isError: true };
  }
}
