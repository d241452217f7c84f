/**
 * Loads better-sqlite3 on demand. It is an optional dependency (a native module, compiled at install when no
 * prebuilt binary can be fetched): only `serve` with a database file needs it, so every other command, and an
 * embedded broker on ':memory:', works in an install where it is absent or failed to build.
 */
import { existsSync, statSync } from 'node:fs';
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
type DatabaseConstructor = new (
  path: string,
  options?: { readonly?: boolean; fileMustExist?: boolean },
) => SqliteDatabase;

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
export function openDatabase(path: string, options?: { readonly: boolean; fileMustExist: boolean }): SqliteDatabase {
  const sqlite = loadSqlite();
  if ('error' in sqlite) throw new SqliteUnavailableError(sqlite.error);
  let db: SqliteDatabase | undefined;
  try {
    db = options ? new sqlite.ctor(path, options) : new sqlite.ctor(path);
    db.pragma('schema_version');
    return db;
  } catch (err) {
    db?.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new SqliteOpenError(`cannot open the database ${path} (${reason})${openHint(reason)}`);
  }
}

/** Whose store a database file is: written into SQLite's application_id header field once claimed. */
export interface StoreOwner {
  /** application_id this store writes (a 32-bit integer, ASCII of four letters). */
  readonly id: number;
  /** The command that owns it, for messages ("ebkit serve"). */
  readonly command: string;
  /** Its tables, to know its file from before the id was written. */
  readonly tables: readonly string[];
}

export const BROKER_STORE: StoreOwner = {
  id: 0x45424b42 /* EBKB */,
  command: 'ebkit serve',
  tables: ['offersets', 'sessions'],
};
export const AGGREGATOR_STORE: StoreOwner = {
  id: 0x45424b41 /* EBKA */,
  command: 'ebkit aggregate',
  tables: ['agg_meta', 'agg_offersets', 'agg_sessions'],
};
const OWNERS = [BROKER_STORE, AGGREGATOR_STORE];

/** The tables of a database and their columns (of a file being judged, or of a scratch database run a schema). */
function tablesOf(db: SqliteDatabase): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  for (const row of names as { name: string }[]) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(row.name) as { name: string }[];
    out.set(row.name, new Set(columns.map((c) => c.name)));
  }
  return out;
}

/**
 * Refuses, before anything is written, a database that holds another application's data: SQLite opens any such
 * file, and the store's first statements (WAL, its tables) would change it. A file is this store's when its
 * application_id says so, or (a file from before the id was written) when every table in it is one of this
 * store's with at least its columns; an empty database is free to claim.
 */
function claim(db: SqliteDatabase, path: string, owner: StoreOwner, schema: string): void {
  const id = db.pragma('application_id', { simple: true });
  if (id === owner.id) return;
  const otherOwner = (o: StoreOwner): never => {
    throw new SqliteOpenError(
      `${path} is the database of ${o.command}, not of ${owner.command}; give it a database of its own with --db`,
    );
  };
  const other = OWNERS.find((o) => o.id === id);
  if (other) otherOwner(other);
  if (id !== 0)
    throw new SqliteOpenError(
      `${path} is an SQLite database of another application (application_id ${String(id)}); give ${owner.command} a database of its own with --db`,
    );
  const found = tablesOf(db);
  if (found.size === 0) return;
  // The other command's store from before the id was written (it has all of that store's tables, and only those)
  // is named as its.
  const before = OWNERS.find(
    (o) => o !== owner && found.size === o.tables.length && o.tables.every((t) => found.has(t)),
  );
  if (before) otherOwner(before);
  const sqlite = loadSqlite();
  if ('error' in sqlite) throw new SqliteUnavailableError(sqlite.error);
  const scratch = new sqlite.ctor(':memory:');
  let expected: Map<string, Set<string>>;
  try {
    scratch.exec(schema);
    expected = tablesOf(scratch);
  } finally {
    scratch.close();
  }
  const foreign = [...found].filter(([t, cols]) => {
    const want = expected.get(t);
    return want === undefined || [...want].some((c) => !cols.has(c));
  });
  if (foreign.length === 0) return;
  const names = foreign
    .map(([t]) => t)
    .slice(0, 5)
    .join(', ');
  throw new SqliteOpenError(
    `${path} holds tables of another application (${names}${foreign.length > 5 ? ', …' : ''}), which ${owner.command} would change; give it a database of its own with --db`,
  );
}

/**
 * Opens `path` as `owner`'s store with its schema: checks the file is free for it (claim), then WAL, the schema and
 * the application_id. Any failure names the file (SQLite's own words say only "unable to open database file").
 */
export function openStore(path: string, owner: StoreOwner, schema: string): SqliteDatabase {
  const file = path !== ':memory:' && path !== '';
  // Judged first on a read-only connection: closing a read-write one checkpoints another application's WAL into
  // its file, a change to a file that is then refused.
  if (file && existsSync(path) && statSync(path).isFile()) {
    const peek = openDatabase(path, { readonly: true, fileMustExist: true });
    try {
      claim(peek, path, owner, schema);
    } finally {
      peek.close();
    }
  }
  const db = openDatabase(path);
  try {
    db.pragma('busy_timeout = 5000');
    if (file) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Claimed again under the write lock: two commands started at once on one new file each found it free.
    const setUp = db.transaction(() => {
      if (file) claim(db, path, owner, schema);
      db.exec(schema);
      if (file) db.pragma(`application_id = ${owner.id}`);
    });
    setUp.immediate();
    return db;
  } catch (err) {
    db.close();
    if (err instanceof SqliteOpenError || err instanceof SqliteUnavailableError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new SqliteOpenError(`cannot use the database ${path} (${reason})${openHint(reason)}`);
  }
}
