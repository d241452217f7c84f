/** The errors of the optional SQLite module, kept apart from its types (a consumer need not install them). */
/** What to tell a user whose install has no working SQLite module. */
export const SQLITE_INSTALL_HINT =
  'install it with `npm install better-sqlite3` (it is an optional dependency of execution-broker-toolkit), or use --db :memory:';

/** Thrown when a database file is asked for and better-sqlite3 cannot be loaded. */
export class SqliteUnavailableError extends Error {
  readonly code = 'EBK_OPTIONAL_MISSING';
  constructor(readonly reason: string) {
    super(`a database file needs the SQLite module better-sqlite3, which ${reason}: ${SQLITE_INSTALL_HINT}`);
    this.name = 'SqliteUnavailableError';
  }
}
