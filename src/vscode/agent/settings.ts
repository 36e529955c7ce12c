// Owns reading the agent's settings (tandem.chat.*, tandem.agent.*). In an untrusted workspace VS
// Code itself ignores the workspace values of the restricted ones (package.json capabilities).
import * as vscode from 'vscode';
import type { ChatApi } from '../../core/agent/modelProvider';
import { REVIEW_WHEN, type ReviewWhen } from '../../core/review/when';
import { isAgentMode, type AgentMode } from '../../core/agent/modes';
import type { ApprovalMode } from '../../core/policy/approvalPolicy';
import { SANDBOX_MODES, type SandboxMode } from '../../core/sandbox/bwrapArgs';
import { DEFAULT_BASE_URL } from '../completion/settings';
import { TOOL_CALLING_MODES, type ToolCallingMode } from '../../core/llm/toolCallingMode';

export interface AgentSettings {
  baseUrl: string;
  model: string;
  api: ChatApi;
  approval: ApprovalMode;
  allowedCommands: string[];
  /** tandem.agent.sandbox.mode: where commands run (Linux, bubblewrap). */
  sandbox: SandboxMode;
  /** tandem.agent.sandbox.network: sandboxed commands may reach the network. */
  sandboxNetwork: boolean;
  /** tandem.agent.sandbox.readable: folders outside the workspace sandboxed commands may read. */
  sandboxReadable: string[];
  /** tandem.agent.env: variable names passed to commands, or NAME=value entries. */
  commandEnv: string[];
  testCommand: string;
  /** tandem.agent.diagnosticsWaitMs: the bound on waiting for a file's errors after an edit; 0 = off. */
  diagnosticsWaitMs: number;
  maxSteps: number;
  contextWindow: number;
  guardDisabledRules: string[];
  /** tandem.agent.attempts: independent attempts per task (best of k); 1 = the agent works in the workspace. */
  attempts: number;
  /** tandem.agent.attemptsParallel: attempts at a time. */
  attemptsParallel: number;
  /** tandem.agent.attemptModels: NAME or NAME@URL, round-robin over the attempts (empty: tandem.chat.model). */
  attemptModels: string[];
  /** Workspace-relative path of the audit ledger, or undefined when auditing is off. */
  auditPath: string | undefined;
  /** tandem.agent.mode: plan (read-only, ends with a plan) or act. */
  mode: AgentMode;
  /** tandem.chat.pricing, as set (checked by parsePricing). */
  pricing: unknown;
  /** tandem.review.model: the model reviewer ('' = no reviewer). */
  reviewModel: string;
  /** tandem.review.when: off, high-risk (default) or always. */
  reviewWhen: ReviewWhen;
  /** tandem.agent.toolCalling: native API tools, tools as text, or auto (native; text when refused). */
  toolCalling: ToolCallingMode;
  /** tandem.hooks.enabled: run hooks.json hooks at all. */
  hooks: boolean;
}

export function readAgentSettings(): AgentSettings {
  const c = vscode.workspace.getConfiguration('tandem');
  const approval = c.get<string>('agent.approval', 'suggest');
  return {
    baseUrl: (c.get<string>('baseUrl') || DEFAULT_BASE_URL).trim(),
    model: c.get<string>('chat.model', 'qwen2.5-coder:7b'),
    api: c.get<string>('chat.api') === 'responses' ? 'responses' : 'chat',
    approval: approval === 'auto-edit' || approval === 'full-auto' ? approval : 'suggest',
    allowedCommands: c.get<string[]>('agent.allowedCommands', []),
    sandbox: SANDBOX_MODES.find((m) => m === c.get<string>('agent.sandbox.mode')) ?? 'workspace-write',
    sandboxNetwork: c.get<boolean>('agent.sandbox.network', false),
    sandboxReadable: c.get<string[]>('agent.sandbox.readable', []).filter((p) => typeof p === 'string'),
    commandEnv: c.get<string[]>('agent.env', []),
    testCommand: c.get<string>('agent.testCommand', ''),
    diagnosticsWaitMs: Math.min(30_000, Math.max(0, c.get<number>('agent.diagnosticsWaitMs', 3000))),
    maxSteps: c.get<number>('agent.maxSteps', 50),
    contextWindow: c.get<number>('agent.contextWindow', 0),
    guardDisabledRules: c.get<string[]>('guard.disabledRules', []),
    mode: isAgentMode(c.get('agent.mode')) ? (c.get('agent.mode') as AgentMode) : 'act',
    pricing: c.get<unknown>('chat.pricing', {}),
    reviewModel: c.get<string>('review.model', '').trim(),
    reviewWhen: REVIEW_WHEN.find((w) => w === c.get<string>('review.when')) ?? 'high-risk',
    toolCalling: TOOL_CALLING_MODES.find((m) => m === c.get<string>('agent.toolCalling')) ?? 'auto',
    hooks: c.get<boolean>('hooks.enabled', true),
    attempts: Math.min(16, Math.max(1, Math.floor(c.get<number>('agent.attempts', 1)) || 1)),
    attemptsParallel: Math.min(8, Math.max(1, Math.floor(c.get<number>('agent.attemptsParallel', 2)) || 1)),
    attemptModels: c.get<string[]>('agent.attemptModels', []),
    auditPath: c.get<boolean>('audit.enabled', true) ? c.get<string>('audit.path', '.tandem/ai-changes.jsonl') || '.tandem/ai-changes.jsonl' : undefined,
  };
}
