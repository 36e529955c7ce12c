// Owns presenting one MCP server tool to the agent as an ordinary Tool named mcp__<server>__<tool>:
// the server's JSON Schema for the model and for checking arguments, the command rule of the
// approval policy (annotations such as readOnlyHint never skip it; a secret or protected path in the
// arguments asks even when always allowed), "always allow" remembered per
// workspace and dropped when the tool's definition changes, and results turned into capped text.
import { createHash } from 'node:crypto';
import type { CallToolResult, Tool as McpToolDef } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { decideExternalTool } from '../policy/approvalPolicy';
import { argumentPathReason, PathRules } from '../policy/pathRules';
import { checkImageData, MAX_IMAGES } from '../context/images';
import type { ImagePart } from '../llm/provider';
import { capHeadTail } from '../tools/shell';
import type { Tool } from '../tools/types';
import type { McpConnection } from './connection';
import { argumentsValidator } from './jsonSchema';
import { mcpToolName } from './toolNames';

export { mcpToolName } from './toolNames';

/** Remembers "always allow" per tool, tied to the tool's definition hash. */
export interface AllowStore {
  get(toolName: string): string | undefined;
  set(toolName: string, definitionHash: string | undefined): void;
}

export const MAX_RESULT_CHARS = 100_000;

export function toolDefinitionHash(def: McpToolDef): string {
  return createHash('sha256').update(JSON.stringify([def.name, def.description ?? '', def.inputSchema])).digest('hex').slice(0, 16);
}

/** The result as text for the model: text joined, images and audio as notices, resources inline. */
export function resultText(result: CallToolResult): string {
  const parts: string[] = [];
  for (const c of result.content ?? []) {
    if (c.type === 'text') parts.push(c.text);
    else if (c.type === 'image' || c.type === 'audio') parts.push(`[${c.type}: ${c.mimeType}, ${Math.floor((c.data.length * 3) / 4) - (c.data.match(/=*$/)?.[0].length ?? 0)} bytes omitted]`);
    else if (c.type === 'resource') parts.push('text' in c.resource ? `[resource ${c.resource.uri}]\n${c.resource.text}` : `[resource ${c.resource.uri}: ${c.resource.mimeType ?? 'binary'}, not shown]`);
    else if (c.type === 'resource_link') parts.push(`[resource link: ${c.uri}${c.name ? ` (${c.name})` : ''}]`);
  }
  if (parts.length === 0 && result.structuredContent) parts.push(JSON.stringify(result.structuredContent));
  return capHeadTail(parts.join('\n') || '(the tool returned nothing)', MAX_RESULT_CHARS);
}

/** The images of a result that pass the image checks (type from the bytes, size cap), at most MAX_IMAGES. */
export function resultImages(result: CallToolResult): ImagePart[] {
  const out: ImagePart[] = [];
  for (const c of result.content ?? []) {
    if (c.type !== 'image' || out.length >= MAX_IMAGES) continue;
    try {
      out.push(checkImageData(c.data, 'The tool\'s image'));
    } catch {
      /* not a supported image: the text notice stands alone */
    }
  }
  return out;
}

/**
 * The tool for one server tool, named `name` (unique among all MCP tools; see toolNames.ts). Throws
 * when the tool's input schema does not compile: the caller leaves the tool out and says why.
 */
export function makeMcpTool(conn: McpConnection, def: McpToolDef, allow: AllowStore, name = mcpToolName(conn.def.name, def.name)): Tool<Record<string, unknown>> {
  const hash = toolDefinitionHash(def);
  const schema = (def.inputSchema ?? { type: 'object', properties: {} }) as Record<string, unknown>;
  let validate: ReturnType<typeof argumentsValidator>;
  try {
    validate = argumentsValidator(schema);
  } catch (err) {
    throw new Error(`Server "${conn.def.name}" offers tool "${def.name}", but ${(err as Error).message}; the tool is left out. Fix the tool's inputSchema on the server.`);
  }
  return {
    name,
    description: `${def.description ?? def.title ?? def.name} (MCP server "${conn.def.name}")`.slice(0, 1024),
    schema: z.record(z.string(), z.unknown()),
    inputJsonSchema: schema,
    mutating: true,
    async invoke(args, ctx, signal) {
      const problems = validate(args);
      if (problems.length) return { output: `Invalid arguments for ${name}: ${problems.join('; ')}. Fix them to match the tool's input schema and call again.`, isError: true };
      const verdict = decideExternalTool(ctx.approvalMode, allow.get(name) === hash, argumentPathReason(args, ctx.workspaceRoot, PathRules.forWorkspace(ctx.workspaceRoot)));
      if (verdict.decision !== 'allow') {
        const d = await ctx.approver.request({ type: 'tool', toolName: name, args, toolCallId: ctx.toolCallId, reason: verdict.reason }, signal);
        if (!d.approved) return { output: `The user did not allow calling ${name}.${d.reason ? ` Their reason: ${d.reason}` : ''}`, isError: true, meta: { rejected: true } };
        if (d.remember) allow.set(name, hash);
      }
      try {
        const result = await conn.callTool(def.name, args, signal);
        const images = resultImages(result);
        return { output: resultText(result), isError: result.isError === true, meta: { server: conn.def.name }, ...(images.length ? { images } : {}) };
      } catch (err) {
        if (signal.aborted) throw err;
        return { output: (err as Error).message, isError: true };
      }
    },
  };
}
