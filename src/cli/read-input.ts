/** The bytes a command was given by name (a path, or `-` for standard input), under a size limit, or why not. */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ToolkitErrorCode } from '../errors.js';
import type { Finding } from '../findings.js';
import type { CliIO } from './io.js';
import { overLimit, readFailure, readFileBounded } from '../util/fs.js';
import { printable } from '../util/index.js';

export { readFailure };

/** Why a file could not be written, in the same words; a missing file there is a missing directory. */
export function writeFailure(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such directory';
  // Making the folders of a path throws EEXIST when a part of it is a file.
  if (code === 'EEXIST') return 'a part of the path is a file, not a directory';
  return readFailure(err);
}

/** The name that means standard input. */
export const STDIN = '-';

export type ReadFailureCode = Extract<ToolkitErrorCode, 'EBK_READ_FAILED' | 'EBK_TOO_LARGE'>;

/** The bytes read, or why not: the code, and the message a command prints (it names the input and the code). */
export type NamedInput = { ok: true; bytes: Buffer } | { ok: false; code: ReadFailureCode; message: string };

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
): Promise<NamedInput> {
  const tooLarge = (how: string): NamedInput => ({
    ok: false,
    code: 'EBK_TOO_LARGE',
    message: `${printable(name)}: the ${naming.noun} is ${how} (EBK_TOO_LARGE${naming.limitHint ?? ''})`,
  });
  if (name === STDIN) {
    let data: Buffer;
    try {
      data = await io.readStdin(maxBytes);
    } catch (err) {
      return {
        ok: false,
        code: 'EBK_READ_FAILED',
        message: `cannot read standard input: ${readFailure(err)} (EBK_READ_FAILED)`,
      };
    }
    return data.length > maxBytes ? tooLarge(overLimit({}, maxBytes)) : { ok: true, bytes: data };
  }
  const read = readFileBounded(resolve(io.cwd, name), maxBytes);
  if (read.ok) return read;
  if (read.kind === 'too-large') return tooLarge(overLimit(read, maxBytes));
  const why = read.kind === 'directory' ? 'is a directory' : readFailure(read.error);
  return {
    ok: false,
    code: 'EBK_READ_FAILED',
    message: `cannot read ${printable(name)}: ${printable(why)} (EBK_READ_FAILED)`,
  };
}

/**
 * A read refusal as a finding of the input it is about: the code as its ruleId, and a message without the file
 * name in front or the code at the end (a report names both already; a hint such as "see --max-bytes" stays).
 */
export function readFinding(name: string, failure: { code: ReadFailureCode; message: string }): Finding {
  return { ruleId: failure.code, level: 'error', message: findingText(failure.message, name), pointer: '' };
}

function findingText(message: string, name: string): string {
  const shown = printable(name);
  const unnamed = message.startsWith(`${shown}: `) ? message.slice(shown.length + 2) : message;
  return unnamed.replace(/\s*\(EBK_[A-Z_]+(?:;\s*([^)]*))?\)$/, (_m, hint: string | undefined) =>
    hint ? `; ${hint}` : '',
  );
}

/**
 * Whether a file named on the command line can be opened for reading (`--config`), in the words a read refusal
 * uses; undefined when it can. Only opened, never read: the command that uses it reads it itself.
 */
export function unopenable(name: string, cwd: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(resolve(cwd, name), 'r');
    if (fstatSync(fd).isDirectory()) return `cannot read ${printable(name)}: is a directory (EBK_READ_FAILED)`;
    return undefined;
  } catch (err) {
    return `cannot read ${printable(name)}: ${printable(readFailure(err))} (EBK_READ_FAILED)`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
