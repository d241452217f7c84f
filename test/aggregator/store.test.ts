/**
 * The aggregator's Map-based store (':memory:' when better-sqlite3 is not installed) must behave as the SQLite one:
 * the same operations give the same rows, claims and failures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AggregatorStore,
  MemoryAggregatorStore,
  openAggregatorStore,
  type AggregatorStoreApi,
  type MergedSetRow,
  type ProxiedRow,
} from '../../src/aggregator/store.js';

const SETS = ['s1', 's2', 's3'];
const SESSIONS = ['a', 'b', 'c', 'd', 'e'];

type Op =
  | { op: 'insertSet'; set: number; sessions: number[] }
  | { op: 'insertSession'; session: number; set: number | null }
  | { op: 'putDoc'; session: number; doc: string }
  | { op: 'claim' | 'release'; set: number; session: number }
  | { op: 'read'; set: number; session: number };

const setIdx = fc.integer({ min: 0, max: SETS.length - 1 });
const sessionIdx = fc.integer({ min: 0, max: SESSIONS.length - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('insertSet' as const),
    set: setIdx,
    sessions: fc.array(sessionIdx, { maxLength: 3 }),
  }),
  fc.record({ op: fc.constant('insertSession' as const), session: sessionIdx, set: fc.option(setIdx) }),
  fc.record({ op: fc.constant('putDoc' as const), session: sessionIdx, doc: fc.string({ maxLength: 5 }) }),
  fc.record({ op: fc.constantFrom('claim' as const, 'release' as const), set: setIdx, session: sessionIdx }),
  fc.record({ op: fc.constant('read' as const), set: setIdx, session: sessionIdx }),
);

const setRow = (uuid: string): MergedSetRow => ({
  uuid,
  owner: null,
  created: 1,
  result: 'YES',
  messages: '[]',
  accepted: null,
});
const sessionRow = (uuid: string, offerset: string | null, idx: number): ProxiedRow => ({
  uuid,
  offerset,
  idx,
  owner: 'tok',
  broker: 'east',
  remote: `http://east.example/sessions/${uuid}`,
  doc: '{}',
  created: 2,
});

/** What the store did, one entry per operation; a refused write is 'refused' and must change nothing. */
function play(store: AggregatorStoreApi, ops: Op[]): unknown[] {
  return ops.map((o) => {
    try {
      switch (o.op) {
        case 'insertSet':
          store.insertSet(
            setRow(SETS[o.set]!),
            o.sessions.map((s, i) => sessionRow(SESSIONS[s]!, SETS[o.set]!, i)),
          );
          return 'ok';
        case 'insertSession':
          store.insertSession(sessionRow(SESSIONS[o.session]!, o.set === null ? null : SETS[o.set]!, 9));
          return 'ok';
        case 'putDoc':
          store.putDoc(SESSIONS[o.session]!, o.doc);
          return store.getSession(SESSIONS[o.session]!)?.doc;
        case 'claim':
          return store.claim(SETS[o.set]!, SESSIONS[o.session]!);
        case 'release':
          store.release(SETS[o.set]!, SESSIONS[o.session]!);
          return store.getSet(SETS[o.set]!)?.accepted;
        case 'read':
          return [store.getSet(SETS[o.set]!), store.getSession(SESSIONS[o.session]!), store.sessionsOf(SETS[o.set]!)];
      }
    } catch (err) {
      return (err as Error).message.startsWith('UNIQUE constraint failed') ? 'refused' : (err as Error).message;
    }
  });
}

describe('MemoryAggregatorStore', () => {
  it('gives the same answers as the SQLite store for any sequence of operations', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const sqlite = new AggregatorStore(':memory:');
        const memory = new MemoryAggregatorStore();
        try {
          expect(play(memory, ops)).toEqual(play(sqlite, ops));
        } finally {
          sqlite.close();
          memory.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps one identity, and is unhealthy once closed', () => {
    const store = new MemoryAggregatorStore();
    const id = store.identity();
    expect(id).toMatch(/^ebkit-aggregator-[0-9a-f]{8}$/);
    expect(store.identity()).toBe(id);
    expect(store.healthy()).toBe(true);
    store.close();
    expect(store.healthy()).toBe(false);
  });

  it('openAggregatorStore takes SQLite when better-sqlite3 loads', () => {
    const store = openAggregatorStore(':memory:');
    expect(store.backend).toBe('sqlite');
    store.close();
  });
});
