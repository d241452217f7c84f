/**
 * `ebkit aggregate` in an install without better-sqlite3 (npm install --omit=optional): --help works, ':memory:'
 * runs on Maps, a database file is refused with what to install. The package test runs the real install.
 */
import { describe, expect, it, vi } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { aggregate } from '../../src/cli/commands/aggregate.js';
import { serve } from '../../src/cli/commands/serve.js';
import { openAggregatorStore } from '../../src/aggregator/store.js';
import { memoryIO } from '../support/memory-io.js';

vi.mock('../../src/broker/sqlite.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/broker/sqlite.js')>()),
  loadSqlite: () => ({ error: 'is not installed' }),
}));

const serving = { host: '127.0.0.1', port: '0', auth: 'none', upstream: ['http://127.0.0.1:9'] };

describe('ebkit aggregate without better-sqlite3', () => {
  it('--help is shown', async () => {
    const io = memoryIO();
    expect(await cli(['aggregate', '--help'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/--upstream <url>/);
  });

  it('a database file is refused with what to install, in one line', async () => {
    const io = memoryIO();
    expect(await aggregate({ ...serving, db: 'agg.sqlite' }, io, async () => undefined)).toBe(2);
    expect(io.err.join('')).toMatch(
      /^ebkit aggregate: --db agg\.sqlite: a database file needs the SQLite module better-sqlite3, which is not installed: install it with `npm install better-sqlite3`.*or use --db :memory:\n$/,
    );
  });

  it('the default database file is named as the default, so a user who gave no --db sees why a file was wanted', async () => {
    for (const [run, name, file] of [
      [aggregate, 'aggregate', 'ebkit-aggregator.sqlite'],
      [serve, 'serve', 'ebkit-broker.sqlite'],
    ] as const) {
      const io = memoryIO();
      expect(await run({ ...serving, db: file }, io, async () => undefined)).toBe(2);
      expect(io.err.join('')).toMatch(
        new RegExp(`^ebkit ${name}: --db ${file.replace('.', '\\.')} \\(the default\\): a database file needs`),
      );
    }
  });

  it(':memory: keeps the mapping in Maps and listens', async () => {
    expect(openAggregatorStore(':memory:').backend).toBe('memory');
    const io = memoryIO();
    expect(await aggregate({ ...serving, db: ':memory:' }, io, async () => undefined)).toBe(0);
    expect(io.out.join('')).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
  });
});
