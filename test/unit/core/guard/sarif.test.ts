// The SARIF log tandem guard writes: valid against the SARIF 2.1.0 schema, and carrying what GitHub
// code scanning needs (CWE tags, security-severity, %SRCROOT%-relative URIs, stable fingerprints).
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../../src/core/changes/finding';
import { buildSarif, FINGERPRINT_KEY, fingerprints, folderUri, relativeUri, type SarifFinding } from '../../../../src/core/guard/sarif';
import { ruleDescriptors } from '../../../../src/core/guard/scan';
import { sarifValidator } from '../../cli/guardTestKit';

const TOOL = { name: 'Tandem Guard', version: '0.1.0', informationUri: 'https://example.invalid/tandem' };

function finding(over: Partial<SarifFinding> = {}): SarifFinding {
  return {
    ruleId: 'sql-injection',
    cwe: 'CWE-89',
    severity: 'high',
    message: 'SQL built by concatenation.',
    fix: 'Use a parameterised query.',
    path: 'src/db.ts',
    line: 12,
    snippet: 'db.query("SELECT * FROM t WHERE id = " + id);',
    ...over,
  };
}

describe('SARIF for GitHub code scanning', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0 with findings, related locations, odd paths, an unknown rule and notifications', () => {
    const log = buildSarif(
      [
        finding(),
        finding({ path: 'src/my file #1.py', line: 3, column: 5, endLine: 4, severity: 'medium', related: [{ line: 1, message: 'sql is built here from request.args' }] }),
        finding({ ruleId: 'brand-new-rule', cwe: 'CWE-918', severity: 'low', path: 'ünï/cødé.java', line: 7 }),
      ],
      ruleDescriptors(),
      { tool: TOOL, root: '/work/repo with space', notifications: [{ level: 'warning', message: 'Could not read x.ts (EACCES).', path: 'x.ts' }] },
    );
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
  });

  it('a schema violation is caught (the validator is not a rubber stamp)', () => {
    const log = buildSarif([finding()], ruleDescriptors(), { tool: TOOL }) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    log.runs[0].results[0].level = 'critical';
    assert.equal(validate(log), false);
  });

  it('describes every rule with security and CWE tags, a numeric security-severity and a level from its severity', () => {
    const rules = [...ruleDescriptors(), { id: 'x-low', cwe: 'CWE-330', severity: 'low' as const, message: 'm', fix: 'f', languages: [] }];
    const driver = buildSarif([], rules, { tool: TOOL }).runs[0].tool.driver;
    assert.equal(driver.name, 'Tandem Guard');
    assert.equal(driver.rules.length, rules.length);
    for (const [i, d] of driver.rules.entries()) {
      const r = rules[i];
      assert.equal(d.id, r.id);
      assert.match(d.name, /^[A-Z][A-Za-z0-9]*$/, `${r.id}: name is an identifier`);
      assert.deepEqual(d.properties.tags, ['security', `external/cwe/cwe-${r.cwe.slice(4)}`], r.id);
      const score = Number(d.properties['security-severity']);
      const [lo, hi] = { high: [7, 8.9], medium: [4, 6.9], low: [0.1, 3.9] }[r.severity];
      assert.ok(score >= lo && score <= hi, `${r.id}: ${score} is GitHub's ${r.severity} band`);
      assert.equal(d.defaultConfiguration.level, { high: 'error', medium: 'warning', low: 'note' }[r.severity]);
      assert.match(d.help.markdown, new RegExp(`\\*\\*Fix:\\*\\* ${r.fix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });

  it('results point at their rule, relative to %SRCROOT%, with the fix and where the value was built', () => {
    const rules = ruleDescriptors();
    const log = buildSarif([finding({ ruleId: 'command-injection', cwe: 'CWE-78', related: [{ line: 2, message: 'cmd built here' }] })], rules, { tool: TOOL, root: '/repo' });
    const [r] = log.runs[0].results;
    assert.equal(log.runs[0].tool.driver.rules[r.ruleIndex].id, 'command-injection');
    assert.equal(r.level, 'error');
    assert.deepEqual(r.locations[0].physicalLocation, { artifactLocation: { uri: 'src/db.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } });
    assert.match(r.message.text, / Where the value comes from: \[line 2\]\(1\)\. Fix: Use a parameterised query\./);
    assert.equal(r.relatedLocations?.[0].id, 1, 'the embedded link names this related location');
    assert.equal(r.relatedLocations?.[0].physicalLocation.region.startLine, 2);
    assert.deepEqual(log.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('a finding from a rule missing in the descriptor list gets a descriptor, not a dangling ruleId', () => {
    const log = buildSarif([finding({ ruleId: 'ssrf', cwe: 'CWE-918' })], ruleDescriptors(), { tool: TOOL });
    const { rules } = log.runs[0].tool.driver;
    const [r] = log.runs[0].results;
    assert.equal(rules[r.ruleIndex].id, 'ssrf');
    assert.deepEqual(rules[r.ruleIndex].properties.tags, ['security', 'external/cwe/cwe-918']);
  });

  const uris: Array<[rel: string, uri: string]> = [
    ['src/a.ts', 'src/a.ts'],
    ['src\\win\\a.ts', 'src%5Cwin%5Ca.ts'], // was src/win/a.ts: on POSIX a backslash is part of the name (issue 22)
    ["it's (1)!*.js", 'it%27s%20%281%29%21%2A.js'],
    ['./src/a.ts', 'src/a.ts'],
    ['my dir/a b.ts', 'my%20dir/a%20b.ts'],
    ['a#1.py', 'a%231.py'],
    ['what?.js', 'what%3F.js'],
    ['100%.js', '100%25.js'],
    ['c:x.js', 'c%3Ax.js'], // would otherwise read as a URI scheme
    ['ünï/é.java', '%C3%BCn%C3%AF/%C3%A9.java'],
    ['a\u200bb.js', 'a%E2%80%8Bb.js'], // a hidden zero-width space stays visible
  ];
  for (const [rel, uri] of uris) {
    it(`writes ${JSON.stringify(rel)} as the relative URI ${uri}`, () => assert.equal(relativeUri(rel), uri));
  }

  it('treats a backslash as a folder separator only on Windows', () => {
    assert.equal(relativeUri('src\\win\\a.ts', { platform: 'win32' }), 'src/win/a.ts');
    assert.equal(relativeUri('src\\win\\a.ts', { platform: 'linux' }), 'src%5Cwin%5Ca.ts');
  });

  it('writes a name that is not UTF-8 byte by byte from its raw path', () => {
    assert.equal(relativeUri('d\\xFE/x\\xFF.js', { raw: Buffer.from([0x64, 0xfe, 0x2f, 0x78, 0xff, 0x2e, 0x6a, 0x73]) }), 'd%FE/x%FF.js');
  });

  it('writes the root as a file: URI ending in a slash', () => {
    assert.equal(folderUri('/work/my repo'), 'file:///work/my%20repo/');
    assert.equal(folderUri('C:\\src\\repo'), 'file:///C:/src/repo/');
  });

  describe('fingerprints', () => {
    const base = finding();
    const [fp] = fingerprints([base]);
    it('are the same on every run and after the line moves or its indentation changes', () => {
      assert.equal(fingerprints([base])[0], fp);
      assert.equal(fingerprints([{ ...base, line: 99 }])[0], fp);
      assert.equal(fingerprints([{ ...base, snippet: `   ${base.snippet.replace(' + ', '  +  ')}` }])[0], fp);
      assert.match(fp, /^[0-9a-f]{32}:1$/);
    });
    const differs: Array<[string, Partial<Finding>]> = [
      ['another rule', { ruleId: 'command-injection' }],
      ['another file', { path: 'src/other.ts' }],
      ['another line text', { snippet: 'db.query("SELECT * FROM t WHERE id = " + otherId);' }],
    ];
    for (const [what, over] of differs) it(`differ for ${what}`, () => assert.notEqual(fingerprints([{ ...base, ...over }])[0], fp));
    it('tell identical lines in one file apart', () => {
      const [a, b] = fingerprints([base, { ...base, line: 40 }]);
      assert.equal(a, fp);
      assert.equal(b, fp.replace(/:1$/, ':2'));
    });
    it('are written under one key on every result', () => {
      const log = buildSarif([base], ruleDescriptors(), { tool: TOOL });
      assert.deepEqual(log.runs[0].results[0].partialFingerprints, { [FINGERPRINT_KEY]: fp });
    });
  });
});
