import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorCode, type FileSnapshot } from './read-file';

export type WriteOutcome = { readonly kind: 'written' } | { readonly kind: 'refused'; readonly reason: string };

/**
 * Why `--fix` must not replace `file`, or undefined when it is still the file that was read:
 * - a symbolic link is refused (writing through it changes a file elsewhere, maybe outside the tree; replacing it
 *   turns the link into a file); the command names the target to fix it;
 * - a file with several hard links is refused (a rename would split the names, an in-place write is not atomic);
 * - a file whose size or modification time changed since it was read (an edit saved during the run) is refused
 *   rather than overwritten.
 */
function replaceProblem(file: string, snapshot: FileSnapshot): string | undefined {
  let stat: fs.BigIntStats;
  try {
    stat = fs.lstatSync(file, { bigint: true });
  } catch (error) {
    return `it cannot be checked before writing: ${errorCode(error)}`;
  }
  if (stat.isSymbolicLink())
    return 'it is a symbolic link; --fix does not write through links: name the file it points to';
  if (stat.nlink > 1n)
    return `it has ${stat.nlink} hard links; replacing it would split them: fix it by hand or name a single copy`;
  if (stat.dev !== snapshot.dev || stat.ino !== snapshot.ino) return 'it was replaced by another file during the run';
  if (stat.size !== snapshot.size || stat.mtimeNs !== snapshot.mtimeNs)
    return 'it changed on disk during the run (an edit was saved?); run again to fix the new text';
  return undefined;
}

function tempNameFor(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.studio-lint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** Gives the new file the old one's owner where the system allows; refuses when it would change hands. */
function keepOwner(fd: number, snapshot: FileSnapshot): string | undefined {
  const stat = fs.fstatSync(fd);
  if (stat.uid === snapshot.uid && stat.gid === snapshot.gid) return undefined;
  try {
    fs.fchownSync(fd, snapshot.uid, snapshot.gid);
    return undefined;
  } catch (error) {
    return `its owner ${snapshot.uid}:${snapshot.gid} cannot be kept (${errorCode(error)}); fix it as its owner`;
  }
}

/** Flushes the folder entry of the rename; a system that cannot sync folders still has the renamed file. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, fs.constants.O_RDONLY);
    fs.fsyncSync(fd);
  } catch {
    // Not supported on every system (Windows); the data itself was synced before the rename.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Replaces `file` with `bytes` so that at every instant (a kill, a full disk, a power cut after the sync) the file
 * holds either its old text or its new text: the new text goes to a temporary file in the same folder, is synced,
 * gets the old file's mode and owner, and is renamed over the old file only if that is still the file that was
 * read, unchanged. A run killed before the rename can leave the hidden temporary file behind, never a damaged file.
 */
export function writeFileAtomically(file: string, bytes: Uint8Array, snapshot: FileSnapshot): WriteOutcome {
  const before = replaceProblem(file, snapshot);
  if (before) return { kind: 'refused', reason: before };
  const temp = tempNameFor(file);
  let fd: number | undefined;
  let created = false;
  try {
    fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    created = true;
    const owner = keepOwner(fd, snapshot);
    if (owner) return { kind: 'refused', reason: owner };
    // After chown, which clears set-user-ID bits.
    fs.fchmodSync(fd, snapshot.mode & 0o7777);
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    const after = replaceProblem(file, snapshot);
    if (after) return { kind: 'refused', reason: after };
    fs.renameSync(temp, file);
    created = false;
    syncFolder(path.dirname(file));
    return { kind: 'written' };
  } catch (error) {
    return { kind: 'refused', reason: `the fixed text cannot be written safely: ${errorCode(error)}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    if (created) fs.rmSync(temp, { force: true });
  }
}
