// Owns the one-line summary a task's turn ends with ("2 files changed: … · tests passed"): the files
// the turn's edits wrote (from the edit tools' results) and how the last test run it made ended.
import type { AgentEvent } from './events';

interface Written {
  path: string;
  added: number;
  removed: number;
}

const TEST_COMMAND = /(?:^|[\s;&|/])(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?test\b|\b(?:pytest|jest|vitest|mocha|go\s+test|cargo\s+test|dotnet\s+test|mvn\s+test|gradle\w*\s+test|rspec|phpunit|ctest)\b/;

/** Collects one turn's events; `summary()` is undefined when the turn changed no file and ran no test. */
export class TurnSummary {
  private readonly files = new Map<string, Written>();
  private readonly commands = new Map<string, string>();
  private tests: { command: string; passed: boolean } | undefined;

  add(e: AgentEvent): void {
    if (e.type === 'toolCallStarted' && e.name === 'run_command') {
      try {
        this.commands.set(e.id, String((JSON.parse(e.arguments) as { command?: unknown }).command ?? ''));
      } catch {
        // unparsable arguments: the tool itself reports them to the model
      }
    } else if (e.type === 'toolCallFinished') {
      const changes = e.meta?.applied ? (e.meta.changes as Array<{ path: string; newPath?: string; added: number; removed: number }> | undefined) : undefined;
      for (const c of changes ?? []) {
        const path = c.newPath ?? c.path;
        const before = this.files.get(path);
        this.files.set(path, { path, added: (before?.added ?? 0) + c.added, removed: (before?.removed ?? 0) + c.removed });
      }
      const command = this.commands.get(e.id);
      if (command && TEST_COMMAND.test(command) && typeof e.meta?.exitCode === 'number') this.tests = { command, passed: e.meta.exitCode === 0 };
    }
  }

  changedFiles(): Written[] {
    return [...this.files.values()];
  }

  summary(): string | undefined {
    const files = this.changedFiles();
    const parts: string[] = [];
    if (files.length) parts.push(`${files.length} file${files.length === 1 ? '' : 's'} changed: ${files.map((f) => `${f.path} (+${f.added} −${f.removed})`).join(', ')}`);
    if (this.tests) parts.push(`tests ${this.tests.passed ? 'passed' : 'failed'} (${this.tests.command})`);
    return parts.length ? parts.join(' · ') : undefined;
  }
}
