// Owns counting what a task proposed but did not get done: edits and commands refused by the user or
// by policy, asked with nobody to answer, or not applied because the file changed meanwhile. The CLI
// turns a non-zero count into exit code 4 so a CI job does not mistake "nothing applied" for success.
import type { AgentEvent } from '../core/agent/events';

export class OutcomeTracker {
  private readonly notAppliedIds = new Set<string>();
  /** Files that run later (hooks, tasks, workflows, .envrc…) a command created or changed: exit 4 too. */
  readonly protectedChanged: string[] = [];
  /** Why the AI change log could not record a change (so it was not applied), once per reason. */
  readonly auditFailures = new Set<string>();

  /** Tool calls whose proposal was refused or not applied. */
  get notApplied(): number {
    return this.notAppliedIds.size;
  }

  observe(e: AgentEvent): void {
    if (e.type === 'approvalResolved' && !e.approved) this.notAppliedIds.add(e.toolCallId);
    // Refusals that need no question (a forbidden command, a stale change) come as result metadata.
    if (e.type === 'toolCallFinished' && e.isError && (e.meta?.rejected === true || e.meta?.notApplied === true)) this.notAppliedIds.add(e.id);
    if (e.type === 'toolCallFinished' && typeof e.meta?.auditFailed === 'string') this.auditFailures.add(e.meta.auditFailed);
    if (e.type === 'toolCallFinished' && Array.isArray(e.meta?.protectedChanged) && e.meta.protectedChanged.length) {
      this.notAppliedIds.add(e.id);
      this.protectedChanged.push(...(e.meta.protectedChanged as string[]));
    }
  }
}
