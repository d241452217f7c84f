/**
 * The store for an install without SQLite (better-sqlite3 is optional): the same API as `Store`, kept in
 * Maps, for a broker on ':memory:' (the embedded broker of `ebkit conformance`, tests, the library). A
 * transaction that throws restores the Maps as they were, as SQLite's rollback does.
 */
import { isReservingPhase } from '../model/index.js';
import { ReservationLedger, type Reservation } from './ledger.js';
import { loadSqlite } from './sqlite.js';
import { SqliteUnavailableError } from './sqlite-errors.js';
import { DUE_LIMIT, Store, type BrokerStore, type OfferSetRow, type PhaseUpdate, type SessionRow } from './store.js';

interface Tables {
  offersets: Map<string, OfferSetRow>;
  sessions: Map<string, SessionRow>;
  /** Session uuids of each offer set, in index order. */
  bySet: Map<string, readonly string[]>;
}

const copy = (t: Tables): Tables => ({
  offersets: new Map(t.offersets),
  sessions: new Map(t.sessions),
  bySet: new Map(t.bySet),
});

export class MemoryStore implements BrokerStore {
  readonly backend = 'memory' as const;
  private tables: Tables = { offersets: new Map(), sessions: new Map(), bySet: new Map() };
  private readonly ledger = new ReservationLedger();
  private depth = 0;
  private open = true;

  /** Rows are replaced, never changed in place, so a shallow copy of the Maps is a snapshot. */
  private transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    const before = copy(this.tables);
    this.depth++;
    try {
      return fn();
    } catch (err) {
      this.tables = before;
      this.ledger.clear();
      for (const s of this.tables.sessions.values()) if (isReservingPhase(s.phase)) this.ledger.put(s);
      throw err;
    } finally {
      this.depth--;
    }
  }

  private put(s: SessionRow): void {
    const t = this.tables;
    if (t.sessions.has(s.uuid)) throw new Error(`UNIQUE constraint failed: sessions.uuid (${s.uuid})`);
    t.sessions.set(s.uuid, { ...s });
    const ids = [...(t.bySet.get(s.offerset) ?? []), s.uuid];
    t.bySet.set(
      s.offerset,
      ids.sort((a, b) => (t.sessions.get(a)?.idx ?? 0) - (t.sessions.get(b)?.idx ?? 0)),
    );
    this.ledger.put(s);
  }

  insertOfferSet(row: OfferSetRow, sessions: SessionRow[]): void {
    this.transaction(() => {
      if (this.tables.offersets.has(row.uuid))
        throw new Error(`UNIQUE constraint failed: offersets.uuid (${row.uuid})`);
      this.tables.offersets.set(row.uuid, { ...row });
      for (const s of sessions) this.put(s);
    });
  }

  insertSessions(sessions: SessionRow[]): void {
    this.transaction(() => {
      for (const s of sessions) this.put(s);
    });
  }

  getOfferSet(uuid: string): OfferSetRow | undefined {
    const row = this.tables.offersets.get(uuid);
    return row && { ...row };
  }

  getSession(uuid: string): SessionRow | undefined {
    const row = this.tables.sessions.get(uuid);
    return row && { ...row };
  }

  sessionsOf(offerset: string): SessionRow[] {
    const t = this.tables;
    return (t.bySet.get(offerset) ?? []).map((id) => ({ ...(t.sessions.get(id) as SessionRow) }));
  }

  due(now: number, limit = DUE_LIMIT): SessionRow[] {
    const out: SessionRow[] = [];
    if (limit <= 0) return out;
    for (const s of this.tables.sessions.values()) {
      if (s.nextChange !== null && s.nextChange <= now) out.push({ ...s });
      if (out.length >= limit) break;
    }
    return out;
  }

  updatePhase(u: PhaseUpdate): void {
    const row = this.tables.sessions.get(u.uuid);
    if (!row) return;
    this.tables.sessions.set(u.uuid, {
      ...row,
      phase: u.phase,
      modified: u.modified,
      acceptedAt: u.acceptedAt,
      nextChange: u.nextChange,
    });
    this.ledger.setPhase(u.uuid, u.phase);
  }

  reservations(now: number): Reservation[] {
    return this.ledger.at(now);
  }

  /** The same, summed from the rows (what Store computes with SQL). */
  reservationsFromTable(now: number): Reservation[] {
    const slots = new Map<string, Reservation>();
    for (const s of this.tables.sessions.values()) {
      if (!isReservingPhase(s.phase) || s.releaseEnd <= now || (s.phase === 'OFFERED' && s.expires <= now)) continue;
      const key = `${s.prepareStart}/${s.releaseEnd}`;
      const slot = slots.get(key) ?? { start: s.prepareStart, end: s.releaseEnd, cores: 0, memory: 0, storage: 0 };
      slots.set(key, {
        ...slot,
        cores: slot.cores + s.cores,
        memory: slot.memory + s.memory,
        storage: slot.storage + s.storage,
      });
    }
    return [...slots.values()];
  }

  atomically<T>(fn: () => T): T {
    return this.transaction(fn);
  }

  healthy(): boolean {
    return this.open;
  }

  close(): void {
    this.open = false;
  }
}

/**
 * The store for `path`: SQLite when better-sqlite3 loads; without it, ':memory:' falls back to MemoryStore
 * and a file is refused with SqliteUnavailableError (what to install).
 */
export function openStore(path = ':memory:', prefer: 'sqlite' | 'memory' = 'sqlite'): BrokerStore {
  if (prefer === 'memory' && path === ':memory:') return new MemoryStore();
  const sqlite = loadSqlite();
  if ('ctor' in sqlite) return new Store(path);
  if (path === ':memory:') return new MemoryStore();
  throw new SqliteUnavailableError(sqlite.error);
}
