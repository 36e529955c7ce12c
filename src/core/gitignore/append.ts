// Owns writing `.tandem/` into a folder's .gitignore. It only ever appends (or creates a new file), so
// a failure midway cannot lose the user's lines; it refuses a .gitignore that is a symbolic link (the
// link may lead out of the workspace), not a regular file, or read-only — also for root, who could
// write it anyway — and says what to do instead.
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TANDEM_ENTRY, tandemEntryAppendix } from './entry';

export class GitignoreWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitignoreWriteError';
  }
}

export interface GitignoreAddResult {
  file: string;
  /** 'added' when the line was appended (or the file created), 'present' when it already listed `.tandem/`. */
  status: 'added' | 'present';
}

const yourself = `Nothing was changed; add the line ${TANDEM_ENTRY} to it yourself if you want git to ignore Tandem's folder.`;

function explain(file: string, err: NodeJS.ErrnoException): GitignoreWriteError {
  if (err.code === 'ELOOP') return new GitignoreWriteError(`${file} is a symbolic link; Tandem does not write through links. ${yourself}`);
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') return new GitignoreWriteError(`${file} cannot be written (${err.code === 'EROFS' ? 'read-only file system' : 'permission denied'}). ${yourself}`);
  return new GitignoreWriteError(`${file} could not be updated: ${err.message}. ${yourself}`);
}

/** Appends `.tandem/` to `<folder>/.gitignore`, creating the file if it is missing; never a duplicate. */
export async function addTandemToGitignore(folder: string): Promise<GitignoreAddResult> {
  const file = path.join(folder, '.gitignore');
  let stat;
  try {
    stat = await fs.lstat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw explain(file, err as NodeJS.ErrnoException);
    try {
      // 'wx': if another writer created it meanwhile, fall through to appending to theirs.
      await fs.writeFile(file, tandemEntryAppendix(undefined), { flag: 'wx' });
      return { file, status: 'added' };
    } catch (createErr) {
      if ((createErr as NodeJS.ErrnoException).code !== 'EEXIST') throw explain(file, createErr as NodeJS.ErrnoException);
      stat = await fs.lstat(file);
    }
  }
  if (stat.isSymbolicLink()) throw new GitignoreWriteError(`${file} is a symbolic link; Tandem does not write through links. ${yourself}`);
  if (!stat.isFile()) throw new GitignoreWriteError(`${file} is not a regular file. ${yourself}`);
  if ((stat.mode & 0o222) === 0) throw new GitignoreWriteError(`${file} is read-only. ${yourself}`);
  let handle;
  try {
    // O_NOFOLLOW: a link swapped in after the check above is refused, not followed.
    handle = await fs.open(file, constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW);
  } catch (err) {
    throw explain(file, err as NodeJS.ErrnoException);
  }
  try {
    const appendix = tandemEntryAppendix(await handle.readFile('utf8'));
    if (!appendix) return { file, status: 'present' };
    await handle.write(appendix);
    return { file, status: 'added' };
  } catch (err) {
    throw explain(file, err as NodeJS.ErrnoException);
  } finally {
    await handle.close();
  }
}
