import { strict as assert } from 'node:assert';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { assertApplicable } from '../../../../src/core/edits/staleCheck';
import { StaleChangeError } from '../../../../src/core/changes/change';
import { ToolCallError } from '../../../../src/core/tools/types';

describe('the stale-change check both appliers share', () => {
  const table: Array<[string, Parameters<typeof makeChange>[0], string | undefined, boolean, 'ok' | 'stale' | 'exists']> = [
    ['an update against the same text', { path: 'a', kind: 'update', oldText: 'x\n', newText: 'y\n' }, 'x\n', false, 'ok'],
    ['an update after the file changed', { path: 'a', kind: 'update', oldText: 'x\n', newText: 'y\n' }, 'x2\n', false, 'stale'],
    ['an update after only the line ends changed', { path: 'a', kind: 'update', oldText: 'x\n', newText: 'y\n' }, 'x\r\n', false, 'stale'],
    ['an update after the file was deleted', { path: 'a', kind: 'update', oldText: 'x\n', newText: 'y\n' }, undefined, false, 'stale'],
    ['a create where nothing is', { path: 'a', kind: 'create', newText: 'y\n' }, undefined, false, 'ok'],
    ['a create after someone made the file', { path: 'a', kind: 'create', newText: 'y\n' }, '', false, 'stale'],
    ['a delete of the same text', { path: 'a', kind: 'delete', oldText: 'x' }, 'x', false, 'ok'],
    ['a move onto a free name', { path: 'a', kind: 'move', newPath: 'b', oldText: 'x', newText: 'x' }, 'x', false, 'ok'],
    ['a move onto an existing file', { path: 'a', kind: 'move', newPath: 'b', oldText: 'x', newText: 'x' }, 'x', true, 'exists'],
  ];
  for (const [name, spec, current, destExists, expected] of table) {
    it(`${name}: ${expected}`, () => {
      const change = makeChange(spec);
      if (expected === 'ok') assert.doesNotThrow(() => assertApplicable(change, current, destExists));
      else if (expected === 'stale') assert.throws(() => assertApplicable(change, current, destExists), StaleChangeError);
      else assert.throws(() => assertApplicable(change, current, destExists), (e: unknown) => e instanceof ToolCallError && !(e instanceof StaleChangeError) && /that file exists/.test((e as Error).message));
    });
  }
});
