/**
 * The Map-based store (used on ':memory:' when better-sqlite3 is not installed) must behave as the SQLite one:
 * the same sequence of submits, updates and time gives the same phases, outcomes and reservations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBroker, ManualClock, type Broker } from '../../src/broker/index.js';
import { MemoryStore, openStore } from '../../src/broker/memory-store.js';
import { T0 } from './helpers.js';
import { opArb, request, sorted, type Op } from './store-ops.js';

/** What a broker did, without the random uuids: one entry per operation. */
function play(b: Broker, clock: ManualClock, ops: Op[]): unknown[] {
  const sessions: string[] = [];
  const trace: unknown[] = [];
  for (const o of ops) {
    if (o.op === 'submit') {
      const start = new Date(clock.now() + o.startMin * 60_000).toISOString().replace('.000Z', 'Z');
      const out = b.service.submit(request(o.cores, `${start}/PT2H`), null);
      sessions.push(...out.sessions.map((s) => s.uuid));
      trace.push([out.offerset.result, out.sessions.map((s) => [s.idx, s.phase, s.cores, s.prepareStart])]);
    } else if (o.op === 'update' && sessions.length > 0) {
      const r = b.service.update(sessions[o.pick % sessions.length]!, null, {
        kind: 'uri:enum-value-update',
        path: 'phase',
        value: o.value,
      });
      trace.push(r.ok ? r.row.phase : r.code);
    } else if (o.op === 'advance') {
      clock.advance(o.minutes * 60_000);
      trace.push(b.tick());
    }
    const now = clock.now();
    expect(sorted(b.store.reservations(now))).toEqual(sorted(b.store.reservationsFromTable(now)));
    trace.push(
      sorted(b.store.reservations(now)),
      sessions.map((u) => b.service.session(u, null)?.phase),
    );
  }
  return trace;
}

describe('MemoryStore', () => {
  it('behaves as the SQLite store through any sequence of submits, updates and time', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
        const config = { cores: 16, memory: 32, offerLifetime: 600 };
        const sqliteClock = new ManualClock(T0);
        const memoryClock = new ManualClock(T0);
        const sqlite = createBroker({ clock: sqliteClock, config });
        const memory = createBroker({ clock: memoryClock, config, storage: 'memory' });
        try {
          expect(sqlite.store.backend).toBe('sqlite');
          expect(memory.store.backend).toBe('memory');
          expect(play(memory, memoryClock, ops)).toEqual(play(sqlite, sqliteClock, ops));
        } finally {
          sqlite.store.close();
          memory.store.close();
        }
      }),
      { numRuns: 20 },
    );
  });

  it('a transaction that throws leaves rows and reservations as they were', () => {
    const b = createBroker({ clock: new ManualClock(T0), storage: 'memory' });
    b.service.submit(request(2, '2026-08-14T11:00:00Z/PT2H'), null);
    const before = sorted(b.store.reservations(b.clock.now()));
    expect(before.length).toBeGreaterThan(0);
    let offerset = '';
    expect(() =>
      b.store.atomically(() => {
        offerset = b.service.submit(request(3, '2026-08-14T12:00:00Z/PT2H'), null).offerset.uuid;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(b.store.getOfferSet(offerset)).toBeUndefined();
    expect(b.store.sessionsOf(offerset)).toEqual([]);
    expect(sorted(b.store.reservations(b.clock.now()))).toEqual(before);
    expect(sorted(b.store.reservationsFromTable(b.clock.now()))).toEqual(before);
  });

  it('openStore picks SQLite when it loads, and the Map store only for :memory: when asked', () => {
    expect(openStore(':memory:').backend).toBe('sqlite');
    expect(openStore(':memory:', 'memory')).toBeInstanceOf(MemoryStore);
  });
});
