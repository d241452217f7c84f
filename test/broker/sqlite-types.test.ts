import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SqliteDatabase, SqliteStatement } from '../../src/broker/sqlite.js';

/**
 * src/broker/sqlite.ts declares the part of better-sqlite3 the stores use, so the published declarations name no
 * better-sqlite3 type. This file is type-checked with the project (tsconfig includes test/): were the declared
 * shape to drift from the real one, these assignments would stop compiling; at run time, the methods are there.
 */
describe('the declared SQLite shape', () => {
  it("is better-sqlite3's, as the compiler and a real database see it", () => {
    const db: SqliteDatabase = new BetterSqlite3(':memory:');
    const stmt: SqliteStatement = db.prepare('SELECT 1 AS one');
    expect(stmt.get()).toEqual({ one: 1 });
    const tx = db.transaction((n: number) => n + 1);
    expect(tx.immediate(1)).toBe(2);
    expect(db.inTransaction).toBe(false);
    db.close();
    expect(db.open).toBe(false);
  });
});
