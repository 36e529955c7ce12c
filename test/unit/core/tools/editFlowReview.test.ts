// The reviewer in the edit flow: its findings reach the approval card beside the guard's (marked as
// the model's, with the review's time and cost), a high one makes auto-edit and full-auto ask, and
// the agent is told what it found — or that it failed, with the guard's findings still standing.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { proposeAndApply } from '../../../../src/core/tools/editFlow';
import type { ApprovalRequest } from '../../../../src/core/changes/approval';
import type { ChangeReviewer, ReviewOutcome } from '../../../../src/core/changes/review';
import type { Finding } from '../../../../src/core/changes/finding';
import type { ToolContext } from '../../../../src/core/tools/types';
import { tempWorkspace } from '../agent/testTools';

const OLD = 'function area(w, h) {\n  return w * h;\n}\n';
const NEW = 'function area(w, h) {\n  return w * h * 1;\n}\n';
const modelFinding = (severity: Finding['severity']): Finding => ({ ruleId: 'tandem-review/cwe-682', cwe: 'CWE-682', severity, message: 'Wrong area', fix: 'Drop * 1', path: 'a.js', line: 2, snippet: 'return w * h * 1;', source: 'model' });

describe('edit flow with the model reviewer', () => {
  let root: string;
  beforeEach(async () => (root = await tempWorkspace({ 'a.js': OLD })));
  afterEach(() => fs.rm(root, { recursive: true, force: true }));
  const run = async (outcome: ReviewOutcome, mode: ToolContext['approvalMode'], answer = true) => {
    const asked: ApprovalRequest[] = [];
    let reviewed = 0;
    const reviewer: ChangeReviewer = async () => (reviewed++, outcome);
    const ctx: ToolContext = { workspaceRoot: root, approver: { request: async (r) => (asked.push(r), answer ? { approved: true } : { approved: false }) }, applier: new FileApplier(root), approvalMode: mode, allowedCommands: [], toolCallId: 't', reviewer };
    const r = await proposeAndApply([makeChange({ path: 'a.js', kind: 'update', oldText: OLD, newText: NEW })], ctx, new AbortController().signal);
    return { r, asked, reviewed };
  };
  const ok = (findings: Finding[]): ReviewOutcome => ({ status: 'ok', findings, model: 'o-reviewer', durationMs: 1200, inputTokens: 900, outputTokens: 100, costUsd: 0.004 });

  for (const mode of ['auto-edit', 'full-auto'] as const) {
    it(`a high finding from the model makes ${mode} ask, and the card gets the findings and the review`, async () => {
      const { r, asked } = await run(ok([modelFinding('high')]), mode);
      assert.equal(asked.length, 1);
      const req = asked[0] as Extract<ApprovalRequest, { type: 'edit' }>;
      assert.deepEqual(req.findings?.map((f) => [f.source, f.severity]), [['model', 'high']]);
      assert.equal(req.review?.costUsd, 0.004);
      assert.equal(req.review?.durationMs, 1200);
      assert.match(r.output, /Tandem's reviewer \(o-reviewer\) flagged these lines.*\n- a\.js:2 \[high\] tandem-review\/cwe-682/);
    });
  }

  it('a medium finding does not make auto-edit ask, but the agent is told', async () => {
    const { r, asked } = await run(ok([modelFinding('medium')]), 'auto-edit');
    assert.equal(asked.length, 0);
    assert.equal(await fs.readFile(`${root}/a.js`, 'utf8'), NEW);
    assert.match(r.output, /reviewer \(o-reviewer\) flagged/);
  });

  it('a failed review is told to the agent; nothing reads as "no issues"', async () => {
    const failed: ReviewOutcome = { status: 'failed', findings: [], model: 'o-reviewer', durationMs: 10, note: 'The reviewer (o-reviewer) failed: it answered twice outside the review schema (x). Its opinion is missing; the guard\'s findings still stand.' };
    const { r, asked } = await run(failed, 'suggest');
    assert.equal((asked[0] as Extract<ApprovalRequest, { type: 'edit' }>).review?.status, 'failed');
    assert.match(r.output, /reviewer \(o-reviewer\) failed/);
    assert.doesNotMatch(r.output, /no issues/i);
  });

  it('a rejected change tells the agent the model\'s findings too', async () => {
    const { r } = await run(ok([modelFinding('high')]), 'suggest', false);
    assert.equal(r.isError, true);
    assert.match(r.output, /rejected.*\n.*reviewer \(o-reviewer\) flagged/s);
    assert.equal(await fs.readFile(`${root}/a.js`, 'utf8'), OLD);
  });
});
