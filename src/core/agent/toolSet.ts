// Owns the bridge from core's tool registry to the loop's ToolSet port: the built-in tools (plus any
// extra, e.g. MCP) with their JSON Schema specs and one invoke-by-name that validates arguments.
// The CLI and the panel both get their tools here, so neither keeps its own copies.
import type { ToolSpec } from '../llm/provider';
import { builtinTools, invokeTool, toolSpecs } from '../tools/registry';
import type { Tool } from '../tools/types';
import type { ToolSet } from './toolRuntime';

export function toolSetFrom(tools: Tool[]): ToolSet {
  // Computed once: the same bytes on every call keep the prompt cacheable.
  const specs: ToolSpec[] = toolSpecs(tools);
  const mutating = new Set(tools.filter((t) => t.mutating).map((t) => t.name));
  const applying = new Set(tools.filter((t) => t.appliesChangesOnly).map((t) => t.name));
  return { specs, invoke: (name, rawArgs, ctx, signal) => invokeTool(tools, name, rawArgs, ctx, signal), isMutating: (name) => mutating.has(name), appliesChangesOnly: (name) => applying.has(name) };
}

export function builtinToolSet(extra: Tool[] = []): ToolSet {
  return toolSetFrom([...builtinTools(), ...extra]);
}
