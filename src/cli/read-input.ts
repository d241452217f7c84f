/** The bytes a command was given by name (a path, or `-` for standard input), under a size limit, or why not. */
import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { overLimit, readFileBounded } from '../util/fs.js';
import { errorMessage, printable } from '../util/index.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
};

/** Why a file could not be read, in words (the error's code when it has no words here). */
export function readFailure(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (REASONS[code] ?? code) : errorMessage(err);
}

export interface InputNaming {
  /** What the bytes are, for messages: "input", "request". */
  noun: string;
  /** Added to the size refusal's code, e.g. "; see --max-bytes". */
  limitHint?: string;
}

/**
 * Reads `name` (relative to the command's directory; `-` is standard input). Never more than `maxBytes` + 1 bytes
 * are held, whatever the input is (a device, a pipe that never ends); a refusal says where and why, with its code.
 */
export async function readNamedInput(
  name: string,
  io: CliIO,
  maxBytes: number,
  naming: InputNaming,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; message: string }> {
  const tooLarge = (how: string) => ({
    ok: false as const,
    message: `${printable(name)}: the ${naming.noun} is ${how} (EBK_TOO_LARGE${naming.limitHint ?? ''})`,
  });
  if (name === '-') {
    let data: Buffer;
    try {
      data = await io.readStdin(maxBytes);
    } catch (err) {
      return { ok: false, message: `cannot read standard input: ${readFailure(err)} (EBK_READ_FAILED)` };
    }
    return data.length > maxBytes ? tooLarge(overLimit({}, maxBytes)) : { ok: true, bytes: data };
  }
  const read = readFileBounded(resolve(io.cwd, name), maxBytes);
  if (read.ok) return read;
  if (read.kind === 'too-large') return tooLarge(overLimit(read, maxBytes));
  const why = read.kind === 'directory' ? 'is a directory' : readFailure(read.error);
  return { ok: false, message: `cannot read ${printable(name)}: ${printable(why)} (EBK_READ_FAILED)` };
}
