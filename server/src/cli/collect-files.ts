import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorCode } from './read-file';

const LINTED_EXTENSIONS = new Set(['.snippet', '.studio', '.xml']);
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface CandidateFile {
  readonly file: string;
  /** Named on the command line (a symbolic link is followed) rather than found in a folder (it is not). */
  readonly explicit: boolean;
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface CollectedFiles {
  readonly files: CandidateFile[];
  /** Found but not to be linted, with the reason: each is reported. */
  readonly skipped: SkippedFile[];
  /** Paths that do not exist or cannot be listed, with the error code: a usage/I-O error for the CLI. */
  readonly missing: SkippedFile[];
}

function compareNames(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Expands the command line's paths: files are taken as given (whatever their extension: the linter decides from
 * the name and the content), folders are walked for .snippet, .studio and .xml files in a stable order. Inside
 * folders, symbolic links (to files or folders) are not followed: they could lead out of the tree or into a cycle,
 * and `--fix` would write through them; each is reported as skipped, as is every special file (FIFO, device,
 * socket) with a linted extension.
 */
export function collectFiles(paths: readonly string[]): CollectedFiles {
  const files: CandidateFile[] = [];
  const skipped: SkippedFile[] = [];
  const missing: SkippedFile[] = [];
  const seen = new Set<string>();
  const add = (file: string, explicit: boolean): void => {
    const key = path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push({ file, explicit });
    }
  };
  const walk = (folder: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      missing.push({ file: folder, reason: errorCode(error) });
      return;
    }
    entries.sort(compareNames);
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
        continue;
      }
      const linted = LINTED_EXTENSIONS.has(path.extname(entry.name).toLowerCase());
      if (entry.isSymbolicLink()) {
        if (linted || isFolder(full))
          skipped.push({ file: full, reason: 'symbolic link inside a folder, not followed' });
      } else if (entry.isFile()) {
        if (linted) add(full, false);
      } else if (linted) {
        skipped.push({ file: full, reason: 'not a regular file (FIFO, device or socket)' });
      }
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      missing.push({ file: given, reason: errorCode(error) });
      continue;
    }
    if (stat.isDirectory()) walk(given);
    else add(given, true);
  }
  return { files, skipped, missing };
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
