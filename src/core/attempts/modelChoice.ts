// Owns the spelling of a model choice for best-of-k (--models, tandem.agent.attemptModels): NAME or
// NAME@URL, the URL http(s); and the approver of an attempt's own agent, which follows the approval
// mode: full-auto runs unattended; otherwise the attempt's commands are asked, labelled with it.
import type { ApprovalDecision, ApprovalRequest, Approver } from '../changes/approval';
import type { ModelChoice } from './attemptRun';

/** One entry: NAME or NAME@URL; a string is the error (what to write instead). */
export function parseModelEntry(entry: string, flag = '--models'): ModelChoice | string {
  const at = entry.indexOf('@');
  const model = (at < 0 ? entry : entry.slice(0, at)).trim();
  if (!model) return `${flag} has an entry without a model name ("${entry}"); write NAME or NAME@URL, separated by commas.`;
  if (at < 0) return { model };
  const baseUrl = entry.slice(at + 1).trim();
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    return `${flag} entry "${entry}": the part after @ must be an http(s) URL such as http://localhost:11434/v1; got "${baseUrl}".`;
  }
  return { model, baseUrl };
}

/** Inside an attempt's copy edits need no one (the copy is thrown away); other questions are refused. */
export const attemptApprover: Approver = {
  request(req: ApprovalRequest): Promise<ApprovalDecision> {
    if (req.type === 'edit') return Promise.resolve({ approved: true });
    return Promise.resolve({ approved: false, reason: 'This runs as one of several unattended attempts and nobody can approve it here; it is allowed only inside the command sandbox. Do the task without it.' });
  },
};

/**
 * The approver of attempt `index` under an approval mode: the unattended one in full-auto; otherwise
 * edits of the copy pass (they reach the workspace only through the normal edit flow afterwards) and
 * every other question goes to `ask` (the terminal, the panel), naming the attempt. Run the attempt's
 * agent in auto-edit then, so the command policy decides what needs asking.
 */
export function attemptApproverFor(index: number, mode: 'suggest' | 'auto-edit' | 'full-auto', ask: Approver): Approver {
  if (mode === 'full-auto') return attemptApprover;
  return {
    request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
      if (req.type === 'edit') return Promise.resolve({ approved: true });
      const labelled = 'reason' in req ? { ...req, reason: `attempt ${index}, in its own copy of the workspace: ${req.reason}` } : req;
      return ask.request(labelled, signal);
    },
  };
}
