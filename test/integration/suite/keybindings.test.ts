// Tandem's keybindings as the real VS Code 1.100 registered them (read from its default keybindings
// file, so a `when` clause VS Code could not parse fails here): each one's command exists, fires in the
// context it is meant for, and no VS Code default on the same key fires in that context — except the
// overlaps listed below on purpose, each with its reason. Pressing the keys: test/ui/keys.spec.ts (inside
// the panel's page the panel handles its keys itself, media/panelKeys.ts: VS Code does not set
// `focusedView` for focus inside a webview view; these bindings serve focus on the view's title bar).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { tandem } from './helpers';
import { evaluateWhen, type Context } from './whenClause';

interface Binding {
  key: string;
  command: string;
  when?: string;
}

const EDITOR: Context = { editorFocus: true, editorTextFocus: true, textInputFocus: true, editorIsOpen: true, editorLangId: 'javascript', resourceScheme: 'file', resourceExtname: '.js', editorHasCompletionItemProvider: true, editorHasDocumentFormattingProvider: true, editorHasSelection: false, isLinux: true };
const REVIEW: Context = { ...EDITOR, 'tandem.inlineReview': true };
const NEXT_EDIT: Context = { ...EDITOR, 'tandem.nextEditVisible': true };
const PANEL: Context = { focusedView: 'tandem.chat', sideBarFocus: true, sideBarVisible: true, 'tandem.running': true, 'tandem.pendingChanges': true, isLinux: true };
const TERMINAL: Context = { terminalFocus: true, terminalFocusInAny: true, terminalIsOpen: true, terminalHasBeenCreated: true, terminalProcessSupported: true, focusedView: 'terminal', isLinux: true };
const EXPLORER: Context = { filesExplorerFocus: true, explorerViewletFocus: true, explorerViewletVisible: true, foldersViewVisible: true, listFocus: true, focusedView: 'workbench.explorer.fileView', isLinux: true };

/** Where each command is meant to fire: every context listed must enable it. */
const MEANT: Record<string, Context[]> = {
  'tandem.openChat': [EDITOR, PANEL, TERMINAL, EXPLORER, {}],
  'tandem.newTask': [EDITOR, PANEL, TERMINAL, EXPLORER, {}],
  'tandem.inlineChat': [EDITOR],
  'tandem.inline.keepAll': [REVIEW],
  'tandem.inline.undoAll': [REVIEW],
  'tandem.inline.keepHunk': [REVIEW],
  'tandem.inline.undoHunk': [REVIEW],
  'tandem.approveAll': [PANEL],
  'tandem.rejectAll': [PANEL],
  'tandem.stop': [PANEL],
  'tandem.nextEdit.tab': [NEXT_EDIT],
  'tandem.nextEdit.dismiss': [NEXT_EDIT],
};

/** Where it must not fire (what the key means to VS Code there wins). */
const NOT_MEANT: Array<[string, Context, string]> = [
  ['tandem.inlineChat', { ...EDITOR, suggestWidgetVisible: true }, 'Ctrl+I moves into the suggest widget while it is open'],
  ['tandem.inlineChat', { ...EDITOR, editorReadonly: true }, 'a read-only editor'],
  ['tandem.inlineChat', { ...EDITOR, commentEditorFocused: true }, 'typing in the inline chat input itself'],
  ['tandem.inlineChat', { ...EDITOR, inlineChatHasProvider: true }, "another inline chat (GitHub Copilot) keeps VS Code's Ctrl+I"],
  ['tandem.inline.keepAll', EDITOR, 'no review shows: Ctrl+Enter inserts a line'],
  ['tandem.inline.keepAll', { ...REVIEW, commentEditorFocused: true }, 'Ctrl+Enter sends the inline chat input'],
  ['tandem.approveAll', { ...PANEL, 'tandem.pendingChanges': false }, 'no change waits'],
  ['tandem.approveAll', { ...EDITOR, 'tandem.pendingChanges': true }, 'changes wait but the focus is in an editor'],
  ['tandem.stop', { ...PANEL, 'tandem.running': false }, 'nothing runs'],
  ['tandem.stop', { ...PANEL, notificationToastsVisible: true }, 'Escape first hides a notification'],
  ['tandem.stop', { ...EDITOR, 'tandem.running': true }, 'a task runs but the focus is in an editor'],
  ['tandem.nextEdit.tab', EDITOR, 'no next edit shows: Tab indents'],
  ['tandem.nextEdit.tab', { ...NEXT_EDIT, inlineSuggestionVisible: true }, 'a completion shows at the cursor: Tab accepts it (completion wins)'],
  ['tandem.nextEdit.tab', { ...NEXT_EDIT, suggestWidgetVisible: true }, 'Tab accepts the suggest widget item'],
  ['tandem.nextEdit.tab', { ...NEXT_EDIT, inSnippetMode: true }, 'Tab moves to the next snippet placeholder'],
  ['tandem.nextEdit.dismiss', EDITOR, 'no next edit shows'],
  ['tandem.nextEdit.dismiss', { ...NEXT_EDIT, suggestWidgetVisible: true }, 'Escape closes the suggest widget first'],
];

/** Deliberate overlaps with a VS Code default in the same context. */
const ALLOWED: Array<{ key: string; command: string; why: string }> = [
  { key: 'ctrl+i', command: 'editor.action.triggerSuggest', why: "Ctrl+I is Trigger Suggest's second key (Ctrl+Space stays); VS Code's own inline chat takes Ctrl+I the same way" },
  { key: 'tab', command: 'tab', why: 'only while a next edit shows (and no completion, suggest widget or snippet): Tab jumps to it and applies it, as in Copilot and Cursor' },
  { key: 'ctrl+enter', command: 'editor.action.insertLineAfter', why: "only while an inline review shows, where typing would cancel the review; VS Code's inline chat accepts with Ctrl+Enter too" },
];

async function registeredKeybindings(): Promise<Binding[]> {
  await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
  const doc = vscode.window.activeTextEditor!.document;
  assert.match(doc.uri.toString(), /keybindings\.json$/);
  const all = JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')) as Binding[];
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return all;
}

const firstChord = (key: string) => key.split(' ')[0];

describe('keybindings', () => {
  it('are registered with when clauses that fire where meant, and shadow no VS Code default there', async () => {
    await tandem();
    const pkg = vscode.extensions.getExtension('tandem-dev.tandem')!.packageJSON as { contributes: { keybindings: Binding[] } };
    const all = await registeredKeybindings();
    const ours = all.filter((b) => b.command.startsWith('tandem.'));
    const defaults = all.filter((b) => !b.command.startsWith('tandem.'));
    assert.equal(ours.length, pkg.contributes.keybindings.length, 'every contributed keybinding is registered');
    const commands = new Set(await vscode.commands.getCommands(true));
    const problems: string[] = [];
    for (const b of ours) {
      if (!commands.has(b.command)) problems.push(`${b.command} has no command`);
      const meant = MEANT[b.command];
      if (!meant) {
        problems.push(`${b.command} (${b.key}) has no context in this test`);
        continue;
      }
      for (const ctx of meant) {
        if (!evaluateWhen(b.when, ctx)) problems.push(`${b.command} (${b.key}) does not fire in ${JSON.stringify(ctx)} with when ${b.when}`);
        for (const d of defaults.filter((d) => firstChord(d.key) === firstChord(b.key) && evaluateWhen(d.when, ctx))) {
          if (!ALLOWED.some((a) => a.key === firstChord(b.key) && a.command === d.command)) problems.push(`${b.key}: ${b.command} shadows VS Code's ${d.command} (when ${d.when ?? 'always'}) in ${JSON.stringify(ctx)}`);
        }
      }
    }
    for (const [command, ctx, why] of NOT_MEANT) {
      const b = ours.find((o) => o.command === command);
      if (b && evaluateWhen(b.when, ctx)) problems.push(`${command} (${b.key}) fires where it must not: ${why}`);
    }
    assert.deepEqual(problems, []);
    // The allowed overlaps are real: the default exists and fires in that context.
    for (const a of ALLOWED) assert.ok(defaults.some((d) => d.key === a.key && d.command === a.command && evaluateWhen(d.when, a.key === 'ctrl+i' ? EDITOR : REVIEW)), `${a.command} on ${a.key} no longer overlaps`);
  });

  it('the when-clause reader follows VS Code: precedence, negation, comparisons and regular expressions', () => {
    const ctx: Context = { a: true, b: false, view: 'tandem.chat', n: 2, lang: 'typescriptreact' };
    const cases: Array<[string, boolean]> = [
      ['a && b || a', true],
      ['a && (b || !a)', false],
      ['!b && a', true],
      ["view == 'tandem.chat'", true],
      ['view == tandem.chat', true],
      ['view != tandem.chat', false],
      ['missing != x', true],
      ['missing == x', false],
      ['n >= 2 && n < 3', true],
      ['lang =~ /^typescript/', true],
      ['lang =~ /^python/', false],
      ['missing', false],
    ];
    for (const [when, want] of cases) assert.equal(evaluateWhen(when, ctx), want, when);
  });
});
