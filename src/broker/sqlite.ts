/**
 * Loads better-sqlite3 on demand. It is an optional dependency (a native module, compiled at install when no
 * prebuilt binary can be fetched): only `serve` with a database file needs it, so every other command, and an
 * embedded broker on ':memory:', works in an install where it is absent or failed to build.
 */
import { createRequire } from 'node:module';

/*
 * The part of better-sqlite3's API the stores use, declared here: the published declarations then name no type of
 * better-sqlite3, whose types (@types/better-sqlite3) an installing project does not have — a strict build of a
 * project importing this package would otherwise stop at TS7016 — and whose module may be absent altogether.
 */

/** A prepared statement. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

/** An open database (better-sqlite3's Database, as far as the stores use it). */
export interface SqliteDatabase {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<F extends (...args: never[]) => unknown>(fn: F): SqliteTransactionOf<F>;
  close(): unknown;
}

/** A function wrapped in a transaction: called as is (BEGIN DEFERRED), or `.immediate` (BEGIN IMMEDIATE). */
export interface SqliteTransactionOf<F extends (...args: never[]) => unknown> {
  (...args: ArgsOf<F>): ReturnType<F>;
  immediate(...args: ArgsOf<F>): ReturnType<F>;
}
type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;

/** A transaction function that runs the callback it is given (one is made per database, not per call). */
export type SqliteTransaction = SqliteTransactionOf<(fn: () => unknown) => unknown>;
type DatabaseConstructor = new (path: string) => SqliteDatabase;

export { SQLITE_INSTALL_HINT, SqliteUnavailableError } from './sqlite-errors.js';
import { SqliteUnavailableError } from './sqlite-errors.js';

let loaded: { ctor: DatabaseConstructor } | { error: string } | undefined;

function describe(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') return 'is not installed';
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  return `could not be loaded (${first})`;
}

/** The better-sqlite3 constructor, or why there is none. The native binding is probed once, on first use. */
export function loadSqlite(): { ctor: DatabaseConstructor } | { error: string } {
  if (loaded) return loaded;
  try {
    const ctor = createRequire(import.meta.url)('better-sqlite3') as DatabaseConstructor;
    // The JavaScript part loads even when the native build failed; opening a database loads the binding.
    new ctor(':memory:').close();
    loaded = { ctor };
  } catch (err) {
    loaded = { error: describe(err) };
  }
  return loaded;
}

/** A database file that cannot be opened or is not SQLite: the message names the file and what to do. */
export class SqliteOpenError extends Error {}

/** What SQLite's terse reasons mean for the file given. */
function openHint(reason: string): string {
  if (/unable to open database file/i.test(reason))
    return ': it is a directory, its folder does not exist, or it may not be written';
  if (/not a database|malformed/i.test(reason))
    return ': it is not an SQLite database; give another --db, or move it away';
  if (/readonly|read-only/i.test(reason)) return ': it may not be written';
  return '';
}

/**
 * Opens a database, or throws SqliteUnavailableError (no module) or SqliteOpenError (naming the file). A file that
 * is no database opens without complaint; reading its schema here finds that at once, not at the first request.
 */
export function openDatabase(path: string): SqliteDatabase {
  const sqlite = loadSqlite();
  if ('error' in sqlite) throw new SqliteUnavailableError(sqlite.error);
  let db: SqliteDatabase | undefined;
  try {
    db = new sqlite.ctor(path);
    db.pragma('schema_version');
    return db;
  } catch (err) {
    db?.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new SqliteOpenError(`cannot open the database ${path} (${reason})${openHint(reason)}`);
  }
}
