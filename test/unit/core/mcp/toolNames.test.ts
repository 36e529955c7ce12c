// MCP tool names stay unique and valid for the OpenAI API whatever servers and tools are called:
// mapped characters, case, truncation past 64 characters, and the order tools are listed in.
import { strict as assert } from 'node:assert';
import { assignToolNames, mcpToolName, toolKey, type McpToolRef } from '../../../../src/core/mcp/toolNames';

const VALID = /^[A-Za-z0-9_-]{1,64}$/;
const long = (c: string) => c.repeat(70);

const TABLE: Array<{ name: string; refs: McpToolRef[]; plain?: string[]; warnings: number }> = [
  { name: 'two servers colliding on several tools (one warning)', refs: ['x', 'y', 'z'].flatMap((tool) => [{ server: 'a.b', tool }, { server: 'a_b', tool }]), plain: ['mcp__a_b__x', 'mcp__a_b__y', 'mcp__a_b__z'], warnings: 1 },
  { name: 'distinct servers and tools', refs: [{ server: 'git', tool: 'status' }, { server: 'db', tool: 'query' }], plain: ['mcp__git__status', 'mcp__db__query'], warnings: 0 },
  { name: 'server "a.b" against "a_b"', refs: [{ server: 'a.b', tool: 'run' }, { server: 'a_b', tool: 'run' }], plain: ['mcp__a_b__run'], warnings: 1 },
  { name: 'server "a.b" against "a b" (both mapped)', refs: [{ server: 'a.b', tool: 'run' }, { server: 'a b', tool: 'run' }], plain: [], warnings: 1 },
  { name: 'two tools of one server mapping to one name', refs: [{ server: 's', tool: 'get.item' }, { server: 's', tool: 'get/item' }, { server: 's', tool: 'get_item' }], plain: ['mcp__s__get_item'], warnings: 1 },
  { name: 'names that differ only in case', refs: [{ server: 'Git', tool: 'status' }, { server: 'git', tool: 'status' }], plain: [], warnings: 1 },
  { name: 'a server name with "__" that shifts the split', refs: [{ server: 'a__b', tool: 'c' }, { server: 'a', tool: 'b__c' }], plain: [], warnings: 1 },
  { name: 'non-ASCII letters and hidden Unicode', refs: [{ server: 'café', tool: 'run' }, { server: 'cafè', tool: 'run' }, { server: 'caf\u200be', tool: 'run' }, { server: 'caf_e', tool: 'run' }], plain: ['mcp__caf_e__run'], warnings: 2 },
  { name: 'long names that share their first 64 characters', refs: [{ server: 'srv', tool: `${long('x')}1` }, { server: 'srv', tool: `${long('x')}2` }], warnings: 0 },
  { name: 'a long name whose truncation equals a short one', refs: [{ server: 'srv', tool: long('y') }, { server: 'srv', tool: mcpToolName('srv', long('y')).slice('mcp__srv__'.length) }], warnings: 1 },
  { name: 'a long server name and colliding tools', refs: [{ server: long('s'), tool: 'a.b' }, { server: long('s'), tool: 'a_b' }], warnings: 0 },
  { name: 'the same tool listed twice', refs: [{ server: 's', tool: 't' }, { server: 's', tool: 't' }], plain: ['mcp__s__t'], warnings: 0 },
];

describe('MCP tool names', () => {
  for (const t of TABLE) {
    it(`keeps names unique and valid for ${t.name}`, () => {
      const { names, warnings } = assignToolNames(t.refs);
      const given = [...names.values()];
      assert.equal(new Set(given.map((n) => n.toLowerCase())).size, given.length, `duplicate names: ${given.join(', ')}`);
      for (const n of given) assert.match(n, VALID);
      assert.equal(warnings.length, t.warnings, warnings.join('\n'));
      if (t.plain) assert.deepEqual(given.filter((n) => !/_[0-9a-f]{8}$/.test(n)), t.plain);
      // The same set in reverse order gets the same names.
      assert.deepEqual(assignToolNames([...t.refs].reverse()).names, names);
    });
  }

  it('names every colliding tool in one warning per set of servers', () => {
    const { names, warnings } = assignToolNames([{ server: 'a.b', tool: 'run' }, { server: 'a_b', tool: 'run' }]);
    const suffixed = names.get(toolKey({ server: 'a.b', tool: 'run' }))!;
    assert.match(suffixed, /^mcp__a_b__run_[0-9a-f]{8}$/);
    assert.equal(warnings[0], `Servers "a.b" and "a_b" give tools the same names once mapped to the characters the model API allows; they are offered as "a.b" / "run" as ${suffixed}, "a_b" / "run" as mcp__a_b__run (all mcp__a_b__run).`);
  });

  it('gives a tool the same suffix whatever else collides with it', () => {
    const a = assignToolNames([{ server: 'a.b', tool: 'run' }, { server: 'a_b', tool: 'run' }]).names.get(toolKey({ server: 'a.b', tool: 'run' }));
    const b = assignToolNames([{ server: 'a.b', tool: 'run' }, { server: 'a b', tool: 'run' }, { server: 'zz', tool: 'x' }]).names.get(toolKey({ server: 'a.b', tool: 'run' }));
    assert.equal(a, b);
  });
});
