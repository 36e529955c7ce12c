// Owns applying approved changes in VS Code: a WorkspaceEdit, so the change shows in the editor at
// once, respects unsaved buffers (the base is the open document's text, not the disk) and is undone
// with Ctrl+Z; the file is saved afterwards. A file that changed since the proposal is refused.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { assertApplicable } from '../../core/edits/staleCheck';
import { changeTargets } from '../../core/edits/fileApplier';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import { ToolCallError } from '../../core/tools/types';
import { type ChangeApplier, type OpenDocuments } from '../../core/changes/ports';
import { type ProposedChange } from '../../core/changes/change';

// Only a document with unsaved edits differs from the disk on purpose; a clean one may lag behind a
// change on disk (a command, a restore) until VS Code reloads it, so the disk is the truth for it.
export class OpenTextDocuments implements OpenDocuments {
  textOf(absPath: string): string | undefined {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && path.resolve(d.uri.fsPath) === path.resolve(absPath));
    return doc && !doc.isClosed && doc.isDirty ? doc.getText() : undefined;
  }
}

async function diskText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open?.isDirty ? open.getText() : diskText(uri);
}

export class WorkspaceApplier implements ChangeApplier {
  private realRoot: Promise<string> | undefined;

  constructor(private readonly root: vscode.Uri) {}

  private uriOf(rel: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, ...rel.split('/').filter(Boolean));
  }

  async apply(change: ProposedChange): Promise<void> {
    // Re-checked at write time like the CLI's applier: a link made since the proposal cannot lead out.
    const targets = await changeTargets(await (this.realRoot ??= canonicalRoot(this.root.fsPath)), change);
    const uri = this.uriOf(targets.target.rel);
    const dest = targets.dest && this.uriOf(targets.dest.rel);
    // A document that reloads a change on disk between building the edit and applying it makes VS Code
    // refuse the edit: built again against the reloaded text (re-checked) once before giving up.
    let saveUri: vscode.Uri | undefined = uri;
    for (let attempt = 0; ; attempt++) {
      assertApplicable(change, await currentText(uri), dest ? (await diskText(dest)) !== undefined : false);
      const built = await this.buildEdit(change, uri, dest);
      saveUri = built.saveUri;
      if (await vscode.workspace.applyEdit(built.edit)) break;
      if (attempt >= 1) throw new ToolCallError(`VS Code could not apply the change to ${change.path}.`);
    }
    if (saveUri) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === saveUri!.toString());
      if (doc?.isDirty) await doc.save();
      // A clean document that had not yet reloaded a change on disk may now equal the proposal
      // without being dirty; the disk must hold the proposal all the same.
      if ((await diskText(saveUri)) !== change.newText) await vscode.workspace.fs.writeFile(saveUri, new TextEncoder().encode(change.newText ?? ''));
    }
  }

  private async buildEdit(change: ProposedChange, uri: vscode.Uri, dest: vscode.Uri | undefined): Promise<{ edit: vscode.WorkspaceEdit; saveUri: vscode.Uri | undefined }> {
    const edit = new vscode.WorkspaceEdit();
    const full = async () => {
      const doc = await vscode.workspace.openTextDocument(uri);
      return { doc, range: new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)) };
    };
    let saveUri: vscode.Uri | undefined = uri;
    switch (change.kind) {
      case 'create':
        edit.createFile(uri, { overwrite: false, contents: new TextEncoder().encode(change.newText ?? '') });
        saveUri = undefined;
        break;
      case 'update': {
        const { range } = await full();
        edit.replace(uri, range, change.newText ?? '');
        break;
      }
      case 'delete':
        edit.deleteFile(uri, { ignoreIfNotExists: false });
        saveUri = undefined;
        break;
      case 'move': {
        edit.renameFile(uri, dest!, { overwrite: false });
        if (change.newText !== change.oldText) {
          const { range } = await full();
          edit.replace(dest!, range, change.newText ?? '');
        }
        saveUri = dest;
        break;
      }
    }
    return { edit, saveUri };
  }
}
