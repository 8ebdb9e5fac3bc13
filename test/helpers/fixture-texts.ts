import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAnnotated } from './annotated';

/**
 * The files ending in `extension` directly inside each folder: folder by folder, names sorted (a stable order for
 * seeds).
 */
export function filesIn(dirs: readonly string[], extension: string): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith(extension))
      .sort()
      .map((name) => join(dir, name)),
  );
}

/** The code of each fixture `filesIn` lists, as the parser sees it: annotation lines and the `$0` cursor removed. */
export function fixtureTexts(dirs: readonly string[], extension: string): string[] {
  return filesIn(dirs, extension).map((file) => readAnnotated(readFileSync(file, 'utf8')).text);
}

/** Every document under `folder`, at any depth, whose name ends in one of `extensions`: full paths, sorted. */
export function documentsUnder(
  folder: string,
  extensions: readonly string[] = ['.snippet', '.studio', '.xml'],
): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (extensions.some((extension) => entry.name.endsWith(extension))) found.push(full);
    }
  };
  visit(folder);
  return found.sort();
}
