// Owns turning the prompt parts into the request for the configured API and template (named FIM
// formats, a user-defined template, or chat), with its stop sequences, and checks the template.
import type { ChatFillRequest, FimRequest } from '../llm/completions';
import { buildCustomPrompt, isCustomTemplate, templateProblem } from './customTemplate';
import { buildChatMessages, buildFimPrompt, chooseTemplate, type PromptParts, type TemplateName } from './templates';

export interface BuiltRequest {
  request: FimRequest | ChatFillRequest;
  stops: string[];
}

export function buildRequest(api: 'completions' | 'chat', model: string, baseUrl: string, template: string | undefined, parts: PromptParts): BuiltRequest | { problem: string } {
  if (api === 'chat') return { request: { kind: 'chat', messages: buildChatMessages(parts) }, stops: [] };
  const setting = template ?? 'auto';
  const problem = templateProblem(setting);
  if (problem) return { problem };
  if (isCustomTemplate(setting)) {
    const custom = buildCustomPrompt(setting, parts);
    return { request: { kind: 'fim', prompt: custom.prompt }, stops: custom.stop };
  }
  const fim = buildFimPrompt(chooseTemplate(model, baseUrl, setting as TemplateName | 'auto'), parts);
  return { request: { kind: 'fim', prompt: fim.prompt, suffix: fim.suffix }, stops: fim.stop };
}
