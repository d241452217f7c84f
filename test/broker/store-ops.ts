/**
 * Random operation sequences for the store property tests (ledger vs SQL, Map store vs SQLite store): a submit of
 * a request for some cores at some start, a client update of one of the sessions made so far, or time passing.
 */
import fc from 'fast-check';
import type { Reservation } from '../../src/broker/store.js';
import { EXAMPLE_REQUEST } from './helpers.js';

type Obj = Record<string, unknown>;

export type Op =
  | { op: 'submit'; cores: number; startMin: number }
  | { op: 'update'; pick: number; value: 'ACCEPTED' | 'REJECTED' | 'CANCELLED' }
  | { op: 'advance'; minutes: number };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('submit' as const),
    cores: fc.integer({ min: 1, max: 6 }),
    startMin: fc.integer({ min: 0, max: 180 }),
  }),
  fc.record({
    op: fc.constant('update' as const),
    pick: fc.nat(),
    value: fc.constantFrom('ACCEPTED' as const, 'REJECTED' as const, 'CANCELLED' as const),
  }),
  fc.record({ op: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 90 }) }),
);

/** The example request asking for `coresMin`–2×`coresMin` cores for 30 minutes from `start`. */
export const request = (coresMin: number, start: string): Obj => ({
  ...EXAMPLE_REQUEST,
  compute: { ...(EXAMPLE_REQUEST.compute as Obj), cores: { min: coresMin, max: coresMin * 2 } },
  schedule: { requested: { start, duration: 'PT30M' } },
});

/** Reservations in a fixed order, only the fields both stores fill, for comparing. */
export const sorted = (rs: Reservation[]): Reservation[] =>
  rs
    .map((r) => ({ start: r.start, end: r.end, cores: r.cores, memory: r.memory, storage: r.storage }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
