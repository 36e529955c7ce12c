// Owns the note an edit tool's result gets when the editor's language servers report errors the
// edit introduced (as Cline does): the model sees them at once instead of finding them later.
import * as path from 'node:path';
import type { DiagnosticsWatch } from './languageService';

const MAX_REPORTED = 20;

export async function newErrorsNote(watch: DiagnosticsWatch, root: string, signal: AbortSignal): Promise<string> {
  try {
    const { errors, uncheckedBefore } = await watch.newErrors(signal);
    if (errors.length === 0) return '';
    const relOf = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
    const lines = errors.slice(0, MAX_REPORTED).map((p) => {
      const rel = relOf(p.absPath);
      const tag = [p.source, p.code].filter(Boolean).join(' ');
      return `${rel}:${p.line}:${p.column} error${tag ? ` [${tag}]` : ''} ${p.message.split('\n')[0]}`;
    });
    const more = errors.length > MAX_REPORTED ? `\n[${errors.length - MAX_REPORTED} more]` : '';
    const unchecked = uncheckedBefore.filter((abs) => errors.some((p) => p.absPath === abs)).map(relOf);
    const older = unchecked.length ? `\n(${unchecked.join(', ')} ${unchecked.length === 1 ? 'was' : 'were'} not checked before the edit, so errors already there are listed too.)` : '';
    return `\nThe language server reports new errors after this edit; fix them:\n${lines.join('\n')}${more}${older}`;
  } catch (err) {
    // The edit was applied; a failed look at the errors must not turn it into a failure.
    return `\n(The new errors of the edited files could not be read: ${(err as Error).message})`;
  } finally {
    watch.dispose();
  }
}
