import * as fs from 'node:fs';
import * as path from 'node:path';

const LINTED_EXTENSIONS = new Set(['.snippet', '.studio', '.xml']);
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface CollectedFiles {
  readonly files: string[];
  /** Paths that do not exist or cannot be read: a usage/I-O error for the CLI. */
  readonly missing: string[];
}

/**
 * Expands the command line's paths: files are taken as given (whatever their extension), folders
 * are walked for .snippet, .studio and .xml files in a stable order. Symlinked folders are not
 * followed (cycles).
 */
export function collectFiles(paths: readonly string[]): CollectedFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  const walk = (folder: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      missing.push(folder);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.isFile() && LINTED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        add(full);
      }
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isDirectory()) walk(given);
    else add(given);
  }
  return { files, missing };
}
