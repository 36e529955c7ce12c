// The task history on disk (real temp folders): list newest first, save keeps a user's name, rename
// and delete refuse tasks that are gone, a damaged entry is skipped with a note and left on disk,
// ids cannot leave the history folder, search matches title and message text in any case, two
// stores on one folder (two windows) lose nothing, and the old workspace-state list migrates whole.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateTasks } from '../../../../src/core/tasks/migrate';
import { TaskHistory, type TaskRecord } from '../../../../src/core/tasks/taskHistory';

const task = (id: string, title: string, updated: number, texts: string[] = []): TaskRecord => ({
  id,
  title,
  updated,
  items: texts.map((t, i) => (i % 2 ? { kind: 'assistant', id: `a${i}`, markdown: t } : { kind: 'user', id: `u${i}`, text: t })),
  session: { messages: [{ role: 'user', content: texts[0] ?? '' }] },
});

describe('task history store', () => {
  let root: string;
  let h: TaskHistory;
  beforeEach(() => {
    root = join(mkdtempSync(join(tmpdir(), 'tandem-history-')), 'tasks');
    h = new TaskHistory(root);
  });
  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('lists nothing before the first task, then every task newest first, and gets one back whole', () => {
    assert.deepEqual(h.list(), { tasks: [], notes: [] });
    h.save(task('t1', 'First', 1000, ['hello']));
    h.save(task('t2', 'Second', 3000));
    h.save(task('t3', 'Third', 2000));
    assert.deepEqual(h.list().tasks.map((t) => t.id), ['t2', 't3', 't1']);
    const got = h.get('t1');
    assert.ok('ok' in got);
    assert.deepEqual(got.ok.items, task('t1', 'First', 1000, ['hello']).items);
    assert.deepEqual(got.ok.session, { messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(got.ok.created, 1000);
    h.save(task('t1', 'First', 5000, ['hello', 'hi']));
    assert.equal(h.list().tasks[0].id, 't1');
    assert.equal(h.meta('t1')?.created, 1000, 'the start date is kept');
  });

  it('keeps what the panel shows beside the conversation (the best-of-k table) with the task, and none when there was none', () => {
    const panel = { attempts: { total: 2, testCommand: 'npm test', rows: [] } };
    h.save({ ...task('t1', 'Best of two', 1000, ['go']), panel });
    h.save(task('t2', 'Plain', 2000, ['go']));
    const withTable = h.get('t1');
    const plain = h.get('t2');
    assert.ok('ok' in withTable && 'ok' in plain);
    assert.deepEqual(withTable.ok.panel, panel);
    assert.equal('panel' in plain.ok, false);
  });

  it('renames a task; later saves of its conversation keep the name the user gave', () => {
    h.save(task('t1', 'Fix the bug', 1000));
    const r = h.rename('t1', '  Login bug\nfrom Monday ');
    assert.deepEqual('ok' in r && [r.ok.title, r.ok.named], ['Login bug from Monday', true]);
    h.save(task('t1', 'Fix the bug', 2000));
    assert.equal(h.list().tasks[0].title, 'Login bug from Monday');
    assert.equal(h.list().tasks[0].updated, 2000);
  });

  it('keeps a long name whole and refuses empty, blank or over-long names with a reason', () => {
    h.save(task('t1', 'Short', 1000));
    const long = 'Refactor the payment module '.repeat(20).trim();
    const r = h.rename('t1', long);
    assert.ok('ok' in r && r.ok.title === long);
    for (const bad of ['', '   ', '\n\t', '\u2028']) {
      const refused = h.rename('t1', bad);
      assert.ok('error' in refused && /needs a name/.test(refused.error), JSON.stringify(bad));
    }
    const tooLong = h.rename('t1', 'x'.repeat(2001));
    assert.ok('error' in tooLong && /at most 2000/.test(tooLong.error));
    assert.equal(h.meta('t1')?.title, long, 'a refused name changes nothing');
  });

  it('refuses to rename a task deleted meanwhile, and does not bring it back', () => {
    h.save(task('t1', 'Gone soon', 1000));
    const other = new TaskHistory(root);
    assert.ok('ok' in other.delete('t1'));
    const r = h.rename('t1', 'New name');
    assert.ok('error' in r && /no longer in the history/.test(r.error));
    assert.equal(existsSync(join(root, 't1')), false);
    assert.deepEqual(h.list().tasks, []);
    const again = h.delete('t1');
    assert.ok('error' in again && /nothing was deleted/.test(again.error));
  });

  it('deletes only the task folder', () => {
    h.save(task('t1', 'Keep', 1000));
    h.save(task('t2', 'Drop', 2000));
    assert.ok('ok' in h.delete('t2'));
    assert.deepEqual(readdirSync(root), ['t1']);
    assert.ok('error' in h.get('t2'));
  });

  it('skips a damaged entry with a note, keeps its files, and still lists the others', () => {
    h.save(task('t1', 'Good', 1000));
    h.save(task('t2', 'Also good', 2000));
    mkdirSync(join(root, 'bad1'));
    writeFileSync(join(root, 'bad1', 'meta.json'), '{"id": "bad1", "title":');
    mkdirSync(join(root, 'bad2'));
    writeFileSync(join(root, 'bad2', 'meta.json'), JSON.stringify({ id: 'someone-else', title: 'x', updated: 1 }));
    mkdirSync(join(root, 'bad3'));
    writeFileSync(join(root, 'bad3', 'task.json'), '{}');
    writeFileSync(join(root, 'stray.tmp'), 'half written');
    const { tasks, notes } = h.list();
    assert.deepEqual(tasks.map((t) => t.id), ['t2', 't1']);
    assert.equal(notes.length, 3);
    assert.match(notes.join('\n'), /not valid JSON/);
    assert.match(notes.join('\n'), /does not describe this task/);
    assert.match(notes.join('\n'), /meta\.json is missing/);
    assert.equal(readFileSync(join(root, 'bad1', 'meta.json'), 'utf8'), '{"id": "bad1", "title":', 'left as it was');
    // A conversation file that is damaged: listed by its title, opening it says why it cannot.
    writeFileSync(join(root, 't1', 'task.json'), 'not json');
    const got = h.get('t1');
    assert.ok('error' in got && /"Good" could not be read/.test(got.error));
    assert.deepEqual(h.search('good'), ['t2', 't1'], 'still found by its title');
  });

  it('refuses ids that would leave the history folder, in every spelling', () => {
    h.save(task('t1', 'Inside', 1));
    writeFileSync(join(root, '..', 'outside.json'), 'keep');
    for (const id of ['../outside.json', '..', '.', '', 'a/b', 'a\\b', '%2e%2e', 't1\u0000', '/etc', 'x'.repeat(129)]) {
      assert.ok('error' in h.delete(id), id);
      assert.ok('error' in h.rename(id, 'n'), id);
      assert.ok('error' in h.get(id), id);
      assert.throws(() => h.save(task(id, 'n', 1)), /cannot name a stored task/);
    }
    assert.equal(readFileSync(join(root, '..', 'outside.json'), 'utf8'), 'keep');
    assert.deepEqual(readdirSync(root), ['t1']);
  });

  it('searches title and message text, any case, every word, newest first', () => {
    h.save(task('t1', 'Parser cleanup', 1000, ['Tidy the tokenizer', 'Done: the Tokenizer is tidy']));
    h.save(task('t2', 'Login bug', 2000, ['Users cannot sign in with SSO']));
    h.save(task('t3', 'Docs', 3000, ['Write the README', 'I wrote about the PARSER']));
    assert.deepEqual(h.search('parser'), ['t3', 't1']);
    assert.deepEqual(h.search('TOKENIZER'), ['t1']);
    assert.deepEqual(h.search('sso sign'), ['t2']);
    assert.deepEqual(h.search('login sso'), ['t2'], 'words may come from the title and the messages');
    assert.deepEqual(h.search('nothing like this'), []);
    assert.deepEqual(h.search('  '), ['t3', 't2', 't1']);
    // A task saved again is searched with its new messages.
    h.save(task('t2', 'Login bug', 4000, ['Users cannot sign in with SSO', 'Fixed the redirect']));
    assert.deepEqual(h.search('redirect'), ['t2']);
  });

  it('two stores on one folder (two windows): last rename wins, a save elsewhere is not lost', () => {
    const a = new TaskHistory(root);
    const b = new TaskHistory(root);
    a.save(task('t1', 'One', 1000));
    b.save(task('t2', 'Two', 2000));
    assert.ok('ok' in a.rename('t1', 'Named in A'));
    assert.ok('ok' in b.rename('t1', 'Named in B'));
    a.save(task('t3', 'Three', 3000));
    for (const s of [a, b]) {
      const { tasks } = s.list();
      assert.deepEqual(tasks.map((t) => [t.id, t.title]), [['t3', 'Three'], ['t2', 'Two'], ['t1', 'Named in B']]);
    }
    // A keeps saving its open task with the title it knows: B's name stays.
    a.save(task('t1', 'One', 4000));
    assert.equal(b.meta('t1')?.title, 'Named in B');
  });

  it('migrates the old list whole; unreadable entries stay behind with a note; a second run changes nothing', () => {
    const old = [task('t1', 'Old one', 1000, ['a']), { id: 't2', title: 'No items' }, task('t3', 'Old three', 3000, ['c']), 'garbage', task('../x', 'Evil', 5, [])];
    const r = migrateTasks(h, old);
    assert.equal(r.migrated, 2);
    assert.deepEqual(r.kept, [old[1], old[3], old[4]]);
    assert.equal(r.notes.length, 3);
    assert.deepEqual(h.list().tasks.map((t) => [t.id, t.title]), [['t3', 'Old three'], ['t1', 'Old one']]);
    const g = h.get('t1');
    assert.ok('ok' in g && g.ok.items.length === 1);
    // Run again (a migration cut short): nothing is duplicated or made older.
    h.save(task('t3', 'Old three', 9000, ['c', 'newer']));
    assert.equal(migrateTasks(h, old).migrated, 2);
    assert.equal(h.meta('t3')?.updated, 9000);
    assert.equal(h.list().tasks.length, 2);
    assert.deepEqual(migrateTasks(h, undefined), { migrated: 0, kept: [], notes: [] });
    assert.equal(migrateTasks(h, { not: 'a list' }).kept.length, 1);
  });
});
