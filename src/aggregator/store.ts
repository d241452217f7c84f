/**
 * The aggregator's SQLite file (better-sqlite3, like the broker's store): which of its session URLs stands for
 * which lower session, so a restart keeps every mapping; the last document seen of each; which offer of a merged
 * set holds the acceptance claim (at most one, EB-FED-05). better-sqlite3 is optional and loaded on demand
 * (src/broker/sqlite.ts): without it ':memory:' is kept in Maps (MemoryAggregatorStore) and a file is refused.
 */
import { randomUUID } from 'node:crypto';
import {
  AGGREGATOR_STORE,
  loadSqlite,
  openStore,
  SqliteUnavailableError,
  type SqliteDatabase,
} from '../broker/sqlite.js';

export interface MergedSetRow {
  uuid: string;
  owner: string | null;
  created: number;
  result: 'YES' | 'NO';
  /** MessageItems of the merged answer, as JSON. */
  messages: string;
  /** UUID of the proxied session holding the acceptance claim, if any. */
  accepted: string | null;
}

export interface ProxiedRow {
  uuid: string;
  offerset: string | null;
  idx: number;
  owner: string | null;
  /** Name of the lower broker; null for a session the aggregator made itself (a failed direct execution). */
  broker: string | null;
  /** URL of the session at the lower broker. */
  remote: string | null;
  /** Last document seen (already rewritten to the aggregator's URLs), as JSON. */
  doc: string;
  created: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS agg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS agg_offersets (
  uuid TEXT PRIMARY KEY, owner TEXT, created INTEGER NOT NULL, result TEXT NOT NULL, messages TEXT NOT NULL, accepted TEXT
);
CREATE TABLE IF NOT EXISTS agg_sessions (
  uuid TEXT PRIMARY KEY, offerset TEXT, idx INTEGER NOT NULL, owner TEXT, broker TEXT, remote TEXT,
  doc TEXT NOT NULL, created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS agg_sessions_offerset ON agg_sessions(offerset);
`;

/** What the aggregator keeps: SQLite (AggregatorStore) or, without the SQLite module, Maps. */
export interface AggregatorStoreApi {
  readonly backend: 'sqlite' | 'memory';
  /** The aggregator's own identifier for Via, made once and kept (EB-FED-08). */
  identity(): string;
  /** The merged set and its proxied sessions, all or nothing. */
  insertSet(set: MergedSetRow, sessions: ProxiedRow[]): void;
  insertSession(row: ProxiedRow): void;
  getSet(uuid: string): MergedSetRow | undefined;
  getSession(uuid: string): ProxiedRow | undefined;
  sessionsOf(set: string): ProxiedRow[];
  putDoc(uuid: string, doc: string): void;
  /** Takes the set's acceptance claim for `session`; false when another offer holds it. */
  claim(set: string, session: string): boolean;
  release(set: string, session: string): void;
  healthy(): boolean;
  close(): void;
}

export class AggregatorStore implements AggregatorStoreApi {
  readonly backend = 'sqlite' as const;
  readonly db: SqliteDatabase;
  private readonly stmt;
  /** Built once: better-sqlite3's transaction wrapper is not free to make per call. */
  private readonly insertSetTx: (set: MergedSetRow, sessions: ProxiedRow[]) => void;

  constructor(path = ':memory:') {
    this.db = openStore(path, AGGREGATOR_STORE, SCHEMA);
    const db = this.db;
    this.stmt = {
      getMeta: db.prepare('SELECT value FROM agg_meta WHERE key = ?'),
      putMeta: db.prepare('INSERT OR IGNORE INTO agg_meta (key, value) VALUES (?, ?)'),
      // Positional parameters: binding named ones from an object costs better-sqlite3 a property lookup per name,
      // ~13% of the insert of a merged set (measured: 33 → 29 µs for a set and three sessions).
      insertSet: db.prepare(
        'INSERT INTO agg_offersets (uuid, owner, created, result, messages, accepted) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertSession: db.prepare(
        'INSERT INTO agg_sessions (uuid, offerset, idx, owner, broker, remote, doc, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      getSet: db.prepare('SELECT uuid, owner, created, result, messages, accepted FROM agg_offersets WHERE uuid = ?'),
      getSession: db.prepare(
        'SELECT uuid, offerset, idx, owner, broker, remote, doc, created FROM agg_sessions WHERE uuid = ?',
      ),
      sessionsOf: db.prepare(
        'SELECT uuid, offerset, idx, owner, broker, remote, doc, created FROM agg_sessions WHERE offerset = ? ORDER BY idx',
      ),
      putDoc: db.prepare('UPDATE agg_sessions SET doc = ? WHERE uuid = ?'),
      claim: db.prepare('UPDATE agg_offersets SET accepted = @session WHERE uuid = @set AND accepted IS NULL'),
      release: db.prepare('UPDATE agg_offersets SET accepted = NULL WHERE uuid = @set AND accepted = @session'),
    };
    this.insertSetTx = db.transaction((set: MergedSetRow, sessions: ProxiedRow[]) => {
      this.stmt.insertSet.run(set.uuid, set.owner, set.created, set.result, set.messages, set.accepted);
      for (const s of sessions) this.insertSessionRow(s);
    });
  }

  /** The aggregator's own identifier for Via, made once and kept in the file (EB-FED-08). */
  identity(): string {
    this.stmt.putMeta.run('id', newIdentity());
    return (this.stmt.getMeta.get('id') as { value: string }).value;
  }

  /** The merged set and its proxied sessions, in one transaction (all or nothing). */
  insertSet(set: MergedSetRow, sessions: ProxiedRow[]): void {
    this.insertSetTx(set, sessions);
  }

  insertSession(row: ProxiedRow): void {
    this.insertSessionRow(row);
  }

  private insertSessionRow(r: ProxiedRow): void {
    this.stmt.insertSession.run(r.uuid, r.offerset, r.idx, r.owner, r.broker, r.remote, r.doc, r.created);
  }

  getSet(uuid: string): MergedSetRow | undefined {
    return this.stmt.getSet.get(uuid) as MergedSetRow | undefined;
  }

  getSession(uuid: string): ProxiedRow | undefined {
    return this.stmt.getSession.get(uuid) as ProxiedRow | undefined;
  }

  sessionsOf(set: string): ProxiedRow[] {
    return this.stmt.sessionsOf.all(set) as ProxiedRow[];
  }

  putDoc(uuid: string, doc: string): void {
    this.stmt.putDoc.run(doc, uuid);
  }

  /** Takes the set's acceptance claim for `session`; false when another offer holds it. Atomic (one statement). */
  claim(set: string, session: string): boolean {
    if (this.stmt.claim.run({ set, session }).changes > 0) return true;
    return this.getSet(set)?.accepted === session;
  }

  release(set: string, session: string): void {
    this.stmt.release.run({ set, session });
  }

  healthy(): boolean {
    try {
      return this.db.open && this.db.prepare('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const newIdentity = (): string => `ebkit-aggregator-${randomUUID().slice(0, 8)}`;

/** The aggregator store without SQLite: the same API in Maps, for ':memory:' (nothing survives a restart there). */
export class MemoryAggregatorStore implements AggregatorStoreApi {
  readonly backend = 'memory' as const;
  private readonly sets = new Map<string, MergedSetRow>();
  private readonly sessions = new Map<string, ProxiedRow>();
  private id: string | undefined;
  private open = true;

  identity(): string {
    this.id ??= newIdentity();
    return this.id;
  }

  insertSet(set: MergedSetRow, sessions: ProxiedRow[]): void {
    // Checked before anything is written: all or nothing, as the SQLite transaction.
    if (this.sets.has(set.uuid)) throw new Error(`UNIQUE constraint failed: agg_offersets.uuid (${set.uuid})`);
    const seen = new Set<string>();
    for (const s of sessions) {
      if (this.sessions.has(s.uuid) || seen.has(s.uuid))
        throw new Error(`UNIQUE constraint failed: agg_sessions.uuid (${s.uuid})`);
      seen.add(s.uuid);
    }
    this.sets.set(set.uuid, { ...set });
    for (const s of sessions) this.sessions.set(s.uuid, { ...s });
  }

  insertSession(row: ProxiedRow): void {
    if (this.sessions.has(row.uuid)) throw new Error(`UNIQUE constraint failed: agg_sessions.uuid (${row.uuid})`);
    this.sessions.set(row.uuid, { ...row });
  }

  getSet(uuid: string): MergedSetRow | undefined {
    const row = this.sets.get(uuid);
    return row && { ...row };
  }

  getSession(uuid: string): ProxiedRow | undefined {
    const row = this.sessions.get(uuid);
    return row && { ...row };
  }

  sessionsOf(set: string): ProxiedRow[] {
    return [...this.sessions.values()]
      .filter((s) => s.offerset === set)
      .sort((a, b) => a.idx - b.idx)
      .map((s) => ({ ...s }));
  }

  putDoc(uuid: string, doc: string): void {
    const row = this.sessions.get(uuid);
    if (row) this.sessions.set(uuid, { ...row, doc });
  }

  claim(set: string, session: string): boolean {
    const row = this.sets.get(set);
    if (!row) return false;
    if (row.accepted === null) {
      this.sets.set(set, { ...row, accepted: session });
      return true;
    }
    return row.accepted === session;
  }

  release(set: string, session: string): void {
    const row = this.sets.get(set);
    if (row?.accepted === session) this.sets.set(set, { ...row, accepted: null });
  }

  healthy(): boolean {
    return this.open;
  }

  close(): void {
    this.open = false;
  }
}

/**
 * The store for `path`: SQLite when better-sqlite3 loads; without it ':memory:' is kept in Maps and a file is
 * refused with SqliteUnavailableError (what to install).
 */
export function openAggregatorStore(path = ':memory:'): AggregatorStoreApi {
  const sqlite = loadSqlite();
  if ('ctor' in sqlite) return new AggregatorStore(path);
  if (path === ':memory:') return new MemoryAggregatorStore();
  throw new SqliteUnavailableError(sqlite.error);
}
