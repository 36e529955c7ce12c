import { strict as assert } from 'node:assert';
import { jaccard, SnippetIndex, tokenize } from '../../../../src/core/completion/snippets';
import type { RelatedFile } from '../../../../src/core/completion/types';

function file(relativePath: string, text: string, version = 1): RelatedFile & { reads: number } {
  const f = { uri: `file:///${relativePath}`, relativePath, languageId: 'typescript', version, reads: 0, getText: () => (f.reads++, text) };
  return f;
}

describe('snippets from related files', () => {
  it('scores token overlap', () => {
    assert.equal(jaccard(tokenize('user account balance'), tokenize('user account balance')), 1);
    assert.equal(jaccard(tokenize('alpha beta'), tokenize('gamma delta')), 0);
  });

  it('ranks the most similar file first and skips unrelated ones', () => {
    const idx = new SnippetIndex();
    const related = [
      file('colors.ts', 'enum Colors {\n  Red,\n  Green,\n}'),
      file('account.ts', 'export function accountBalance(account: Account) {\n  return account.deposits - account.withdrawals;\n}'),
      file('money.ts', 'export function formatMoney(amount: number) {\n  return amount.toFixed(2);\n}\n// account balance helpers'),
    ];
    const out = idx.rank('const balance = accountBalance(account);\nif (account.withdrawals > account.deposits)', related, 2000);
    assert.equal(out[0].relativePath, 'account.ts');
    assert.ok(!out.some((s) => s.relativePath === 'colors.ts'));
  });

  it('stays within its character budget', () => {
    const idx = new SnippetIndex();
    const text = Array.from({ length: 40 }, (_, i) => `account balance line ${i}`).join('\n');
    const out = idx.rank('account balance', [file('a.ts', text), file('b.ts', text)], 400);
    assert.ok(out.reduce((n, s) => n + s.text.length, 0) <= 400);
  });

  it('reads a file once per version', () => {
    const idx = new SnippetIndex();
    const f = file('a.ts', 'account balance');
    idx.rank('account', [f], 1000);
    idx.rank('balance', [f], 1000);
    assert.equal(f.reads, 1);
    const g = file('a.ts', 'account balance changed', 2);
    idx.rank('account', [g], 1000);
    assert.equal(g.reads, 1);
  });
});
