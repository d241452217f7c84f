/** A --db that cannot be a database is refused at start, naming the file and why; the file is left as it was. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
