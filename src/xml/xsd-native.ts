/**
 * The native XSD engine: Debian's `xmllint` when it is on PATH, one process per batch. A one-shot command pays a
 * few milliseconds for it where compiling the schema in WebAssembly costs hundreds. node:child_process loads
 * only when a native run happens, so validating YAML or JSON never pays for it.
 */
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import type { XsdError, XsdFile, XsdRun } from './xsd-run.js';

/** Parses xmllint's standard error the way xmllint-wasm does (the last line is the summary). */
export function parseXmllintErrors(stderr: string): XsdError[] {
  return stderr
    .split('\n')
    .slice(0, -2)
    .map((line): XsdError => {
      const [fileName, lineNumber, ...rest] = line.split(':');
      if (fileName && lineNumber && rest.length)
        return {
          rawMessage: line,
          message: rest.join(':').trim(),
          loc: { fileName, lineNumber: parseInt(lineNumber, 10) },
        };
      return { rawMessage: line, message: line, loc: null };
    })
    .filter((e) => !(!e.loc && e.rawMessage.trim().endsWith(' validates')));
}

/** The first executable `xmllint` on PATH, or null. */
export function findNativeXmllint(path: string | undefined): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'xmllint');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Longest a native run may take, and most it may print; a hang or a flood is a crash, never a verdict. */
const NATIVE_TIMEOUT_MS = 60_000;
const NATIVE_MAX_OUTPUT = 16 * 1024 * 1024;

/** What one xmllint process said: its exit code and standard error. */
interface XmllintExit {
  code: number;
  stderr: string;
}

/**
 * Starts xmllint before returning (node:child_process is required, not imported, so nothing waits for a tick): a
 * check started ahead of the parse (startXsd) runs in its own process while this one parses and validates.
 */
function xmllint(binary: string, args: readonly string[], stdin: string | undefined): Promise<XmllintExit> {
  const { execFile } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return new Promise((done, fail) => {
    const child = execFile(
      binary,
      args,
      { timeout: NATIVE_TIMEOUT_MS, maxBuffer: NATIVE_MAX_OUTPUT, encoding: 'utf8', env: {} },
      (err, _stdout, stderr) => {
        if (err && typeof err.code !== 'number') return fail(new Error(`native xmllint: ${err.message}`));
        done({ code: err ? (err.code as number) : 0, stderr });
      },
    );
    // xmllint exiting before it read all of its input (a schema it cannot load) is told by its exit code.
    child.stdin?.on('error', () => {});
    child.stdin?.end(stdin ?? '');
  });
}

/** A line of xmllint's saying that a document is not well-formed ("file:line: parser error : why"). */
const PARSER_ERROR = /^(.+?):(\d+): parser error : (.*)$/;

/**
 * The parser errors xmllint prints for a document that is not well-formed (exit 1), without the excerpt and caret
 * lines that follow each, so they read as the built-in engine's do.
 */
export function parseXmllintParserErrors(stderr: string): XsdError[] {
  return stderr.split('\n').flatMap((line): XsdError[] => {
    const m = PARSER_ERROR.exec(line);
    return m ? [{ rawMessage: line, message: m[3]!.trim(), loc: { fileName: m[1]!, lineNumber: Number(m[2]) } }] : [];
  });
}

/**
 * A verdict from xmllint's exit code: 0 valid; 3 or 4 invalid; 1 with parser errors not well-formed (what the
 * prescan and the parser before it let through: an undeclared entity, an illegal character reference); anything
 * else a crash.
 */
function verdict({ code, stderr }: XmllintExit, name: (stderr: string) => string): XsdRun {
  if (code === 0) return { valid: true, errors: [] };
  if (code === 3 || code === 4) return { valid: false, errors: parseXmllintErrors(name(stderr)) };
  const notWellFormed = code === 1 ? parseXmllintParserErrors(name(stderr)) : [];
  if (notWellFormed.length > 0) return { valid: false, errors: notWellFormed };
  throw new Error(`native xmllint exited ${code}: ${stderr.slice(0, 500)}`);
}

/**
 * One native xmllint process for the whole batch: no network (--nonet), no entity substitution (no --noent; a
 * DOCTYPE never gets this far), output suppressed (--noout). One document goes through standard input (no
 * temporary files to write and remove, which cost more than the check); a batch through a private temporary folder.
 */
export async function runNative(binary: string, schemaPath: string, files: readonly XsdFile[]): Promise<XsdRun> {
  const args = ['--nonet', '--noout', '--schema', schemaPath];
  if (files.length === 1) {
    const [file] = files as [XsdFile];
    // xmllint names standard input "-": "-:3: …" and "- fails to validate" become the document's own name.
    const named = (stderr: string): string =>
      stderr.replace(/^-(?=:\d+:| fails to validate| validates)/gm, file.fileName);
    return verdict(await xmllint(binary, [...args, '-'], file.contents), named);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-xsd-'));
  try {
    const paths = files.map((f) => {
      const path = join(dir, f.fileName);
      writeFileSync(path, f.contents, { mode: 0o600 });
      return path;
    });
    // Named as xmllint-wasm names them (no folder), so messages such as "document-0.xml fails to validate" agree.
    return verdict(await xmllint(binary, [...args, ...paths], undefined), (stderr) =>
      stderr.split(`${dir}${sep}`).join(''),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
