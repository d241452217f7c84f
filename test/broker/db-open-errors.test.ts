/** A --db that cannot be a database is refused at start, naming the file and why; the file is left as it was. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBroker } from '../../src/broker/index.js';
import { startAggregator } from '../../src/aggregator/index.js';
import { loadSqlite } from '../../src/broker/sqlite.js';

describe.skipIf('error' in loadSqlite())('a --db that is no database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-db-'));
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  const garbage = join(dir, 'notes.sqlite');
  writeFileSync(garbage, 'my notes, not a database\n');

  it.each([
    ['a directory', folder, /cannot open the database .*a-folder \(unable to open database file\): it is a directory/],
    [
      'a file that is not SQLite',
      garbage,
      /cannot open the database .*notes\.sqlite \(file is not a database\): it is not an SQLite database/,
    ],
  ])('%s: the broker and the aggregator refuse to start, naming it', async (_what, db, why) => {
    await expect(startBroker({ db })).rejects.toThrow(why);
    await expect(startAggregator({ db, upstreams: ['http://127.0.0.1:1'] })).rejects.toThrow(why);
    expect(readFileSync(garbage, 'utf8')).toBe('my notes, not a database\n');
  });
});

describe.skipIf('error' in loadSqlite())('a --db that is another application’s database', () => {
  const sqlite = loadSqlite();
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-db-other-'));
  /** A real SQLite file with `sql` run in it, and the bytes it has on disk. */
  const made = (name: string, sql: string): { path: string; bytes: Buffer } => {
    if ('error' in sqlite) throw new Error(sqlite.error);
    const path = join(dir, name);
    const db = new sqlite.ctor(path);
    db.exec(sql);
    db.close();
    return { path, bytes: readFileSync(path) };
  };

  it.each([
    [
      'a table of its own',
      'mine.db',
      'CREATE TABLE mydata (x); INSERT INTO mydata VALUES (42);',
      /tables of another application \(mydata\)/,
    ],
    // A table named as one of the broker's, with other columns: before, WAL was switched on and a table added.
    [
      'a table with a store’s name and other columns',
      'sessions.db',
      "CREATE TABLE sessions (name TEXT, secret TEXT); INSERT INTO sessions VALUES ('a', 'b');",
      /tables of another application \(sessions\)/,
    ],
    [
      'another application_id',
      'app.db',
      'PRAGMA application_id = 1234; CREATE TABLE t (x);',
      /another application \(application_id 1234\)/,
    ],
  ])('%s: both refuse to start, naming it, and the file is unchanged', async (_what, name, sql, why) => {
    const { path, bytes } = made(name, sql);
    await expect(startBroker({ db: path })).rejects.toThrow(why);
    await expect(startAggregator({ db: path, upstreams: ['http://127.0.0.1:1'] })).rejects.toThrow(why);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it("a broker's database is refused by the aggregator and the other way round; each reopens its own", async () => {
    const brokerDb = join(dir, 'broker.db');
    const aggregatorDb = join(dir, 'aggregator.db');
    await (await startBroker({ db: brokerDb })).close();
    await (await startAggregator({ db: aggregatorDb, upstreams: ['http://127.0.0.1:1'] })).close();
    await expect(startAggregator({ db: brokerDb, upstreams: ['http://127.0.0.1:1'] })).rejects.toThrow(
      /is the database of ebkit serve, not of ebkit aggregate/,
    );
    await expect(startBroker({ db: aggregatorDb })).rejects.toThrow(
      /is the database of ebkit aggregate, not of ebkit serve/,
    );
    await (await startBroker({ db: brokerDb })).close();
    await (await startAggregator({ db: aggregatorDb, upstreams: ['http://127.0.0.1:1'] })).close();
  });

  it("another application's WAL database, its writer still open, is refused with its file and WAL untouched", async () => {
    if ('error' in sqlite) throw new Error(sqlite.error);
    const path = join(dir, 'live.db');
    const writer = new sqlite.ctor(path);
    try {
      writer.pragma('journal_mode = WAL');
      writer.exec('CREATE TABLE notes (x); INSERT INTO notes VALUES (1);');
      const bytes = readFileSync(path);
      const wal = readFileSync(`${path}-wal`);
      await expect(startBroker({ db: path })).rejects.toThrow(/tables of another application \(notes\)/);
      expect(readFileSync(path).equals(bytes)).toBe(true);
      expect(existsSync(`${path}-wal`) && readFileSync(`${path}-wal`).equals(wal)).toBe(true);
    } finally {
      writer.close();
    }
  });

  it("an aggregator's store from before the id is named as the aggregator's when serve is given it", async () => {
    const path = join(dir, 'pre-id-aggregator.db');
    await (await startAggregator({ db: path, upstreams: ['http://127.0.0.1:1'] })).close();
    if ('error' in sqlite) throw new Error(sqlite.error);
    const db = new sqlite.ctor(path);
    db.pragma('application_id = 0');
    db.close();
    await expect(startBroker({ db: path })).rejects.toThrow(/is the database of ebkit aggregate, not of ebkit serve/);
  });

  it('an empty SQLite file, and a store written before it carried an id, are claimed', async () => {
    const empty = made('empty.db', 'PRAGMA user_version = 0;').path;
    await (await startBroker({ db: empty })).close();
    // The broker's own tables without the id: what an earlier version of the store left.
    const earlier = join(dir, 'earlier.db');
    await (await startBroker({ db: earlier })).close();
    if ('error' in sqlite) throw new Error(sqlite.error);
    const db = new sqlite.ctor(earlier);
    db.pragma('application_id = 0');
    db.close();
    await (await startBroker({ db: earlier })).close();
  });
});
