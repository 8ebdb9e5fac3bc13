import * as fs from 'node:fs';

/** Who a file is and what it held when it was read: `--fix` writes only if it is still that file, unchanged. */
export interface FileSnapshot {
  readonly bytes: Buffer;
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

export type ReadOutcome =
  | { readonly kind: 'read'; readonly snapshot: FileSnapshot }
  /** Not a file to lint (a link not followed, a FIFO or device, too large): reported, not an error. */
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'error'; readonly reason: string };

export interface ReadOptions {
  readonly maxBytes: number;
  /** False inside walked folders: a symbolic link there is reported, never opened. */
  readonly followSymlinks: boolean;
}

function kindOf(stat: fs.BigIntStats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Reads a regular file of at most `maxBytes`. The file is opened non-blocking and checked through its descriptor,
 * so a FIFO (which would block `open` and `read` forever) or a device swapped in after a directory listing is
 * never read; the read stops one byte past the limit, so a file that grows while it is read cannot exhaust memory.
 */
export function readRegularFile(file: string, options: ReadOptions): ReadOutcome {
  const noFollow = options.followSymlinks ? 0 : (fs.constants.O_NOFOLLOW ?? 0);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | noFollow);
  } catch (error) {
    if (errorCode(error) === 'ELOOP' && noFollow) return { kind: 'skipped', reason: 'symbolic link, not followed' };
    return { kind: 'error', reason: `cannot read: ${errorCode(error)}` };
  }
  try {
    const stat = fs.fstatSync(fd, { bigint: true });
    if (!stat.isFile()) return { kind: 'skipped', reason: `${kindOf(stat)}; only regular files are linted` };
    if (stat.size > BigInt(options.maxBytes)) return { kind: 'skipped', reason: tooLarge(stat.size, options.maxBytes) };
    // One buffer of the size the file has, plus a byte that tells whether it grew since fstat.
    const limit = options.maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(Number(stat.size) + 1, limit));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (buffer.length >= limit) return { kind: 'skipped', reason: tooLarge(BigInt(total), options.maxBytes) };
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const read = fs.readSync(fd, buffer, total, buffer.length - total, null);
      if (read === 0) break;
      total += read;
    }
    return {
      kind: 'read',
      snapshot: {
        bytes: buffer.subarray(0, total),
        dev: stat.dev,
        ino: stat.ino,
        size: stat.size,
        mtimeNs: stat.mtimeNs,
        mode: Number(stat.mode),
        uid: Number(stat.uid),
        gid: Number(stat.gid),
      },
    };
  } catch (error) {
    return { kind: 'error', reason: `cannot read: ${errorCode(error)}` };
  } finally {
    fs.closeSync(fd);
  }
}

function tooLarge(size: bigint, limit: number): string {
  return `larger than the size limit (${size} bytes or more; --max-file-size is ${limit} bytes)`;
}
