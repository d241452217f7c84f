/** File-system helpers the commands share (not in the index: most importers of src/util never touch files). */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorMessage } from './errors.js';

/**
 * `mkdir -p`, one level at a time from the nearest existing ancestor. Node 20's `mkdir(…, { recursive: true })`
 * never returns for a path under /proc (the pseudo-filesystem answers ENOENT and Node retries forever); here the
 * first level that cannot be made throws its error (ENOENT, EACCES, ENOTDIR) for the caller to report.
 */
export function makeDirectories(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); !existsSync(dir); dir = dirname(dir)) {
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) mkdirSync(dir);
}

/** What reading a file (or a stream) under a size limit gave. */
export type BoundedRead =
  | { ok: true; bytes: Buffer }
  /** `size` is the file's size when it is known before reading; else the input was cut after `maxBytes` + 1. */
  | { ok: false; kind: 'too-large'; size?: number }
  | { ok: false; kind: 'directory' }
  | { ok: false; kind: 'error'; error: unknown };

const CHUNK = 64 * 1024;

/**
 * A file's bytes, never more than `maxBytes` of them held: a regular file over the limit is refused by its size
 * before any byte is read, and anything else (/dev/zero, a pipe, a file still growing) is read only until it passes
 * the limit — `readFile` would read a device that never ends until memory ran out.
 */
export function readFileBounded(path: string, maxBytes: number): BoundedRead {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const s = fstatSync(fd);
    if (s.isDirectory()) return { ok: false, kind: 'directory' };
    if (s.isFile() && s.size > maxBytes) return { ok: false, kind: 'too-large', size: s.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return { ok: false, kind: 'too-large' };
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EISDIR') return { ok: false, kind: 'directory' };
    return { ok: false, kind: 'error', error };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A stream's bytes (standard input), read until it ends or passes `maxBytes`; then reading stops. */
export async function readStreamBounded(
  stream: AsyncIterable<Buffer | string>,
  maxBytes: number,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; kind: 'too-large' }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const part of stream) {
    const chunk = typeof part === 'string' ? Buffer.from(part) : part;
    chunks.push(chunk);
    total += chunk.length;
    // Leaving the loop ends the iteration, which destroys the stream: nothing more is read.
    if (total > maxBytes) return { ok: false, kind: 'too-large' };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/** How an input passed its limit, in the words every command uses (after "the input is"). */
export function overLimit(read: { size?: number }, maxBytes: number): string {
  return read.size !== undefined
    ? `${read.size} bytes, over the ${maxBytes}-byte limit`
    : `over the ${maxBytes}-byte limit (reading stopped there)`;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EMFILE: 'too many open files',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ELOOP: 'too many levels of symbolic links (a link loop)',
  EIO: 'an input/output error (it cannot be written or read as a file)',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EFBIG: 'the file is too large',
  EINVAL: 'the file does not allow it (not a regular file)',
};

/** Why a file could not be read, in words (the error's code when it has no words here): every command and loader says it so. */
export function readFailure(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (REASONS[code] ?? code) : errorMessage(err);
}
