/**
 * The in-memory reservation ledger must always agree with the SQL over the sessions table it replaced on the
 * planning path: after submits, accepts, rejects, cancels, expiry, slot ends, a rolled-back transaction and a
 * restart on the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBroker, ManualClock, type Broker } from '../../src/broker/index.js';
import { T0 } from './helpers.js';
import { opArb, request, sorted } from './store-ops.js';

const agree = (b: Broker): void => {
  const now = b.clock.now();
  expect(sorted(b.store.reservations(now))).toEqual(sorted(b.store.reservationsFromTable(now)));
};

describe('reservation ledger', () => {
  it('agrees with the SQL reservation query through any sequence of submits, updates and time', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const clock = new ManualClock(T0);
        const b = createBroker({ clock, config: { cores: 16, memory: 32, offerLifetime: 600 } });
        const sessions: string[] = [];
        try {
          for (const o of ops) {
            if (o.op === 'submit') {
              const start = new Date(clock.now() + o.startMin * 60_000).toISOString().replace('.000Z', 'Z');
              const out = b.service.submit(request(o.cores, `${start}/PT2H`), null);
              sessions.push(...out.sessions.map((s) => s.uuid));
            } else if (o.op === 'update' && sessions.length > 0) {
              b.service.update(sessions[o.pick % sessions.length]!, null, {
                kind: 'uri:enum-value-update',
                path: 'phase',
                value: o.value,
              });
            } else if (o.op === 'advance') {
              clock.advance(o.minutes * 60_000);
              b.tick();
            }
            agree(b);
          }
        } finally {
          b.store.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a transaction that throws rolls back the table and the ledger with it', () => {
    const b = createBroker({ clock: new ManualClock(T0) });
    try {
      b.service.submit(request(2, '2026-08-14T11:00:00Z/PT2H'), null);
      const before = sorted(b.store.reservations(b.clock.now()));
      expect(before.length).toBeGreaterThan(0);
      expect(() =>
        b.store.atomically(() => {
          b.service.submit(request(3, '2026-08-14T12:00:00Z/PT2H'), null);
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(sorted(b.store.reservations(b.clock.now()))).toEqual(before);
      agree(b);
    } finally {
      b.store.close();
    }
  });

  it('is rebuilt from the file after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-ledger-'));
    const db = join(dir, 'broker.sqlite');
    try {
      const clock = new ManualClock(T0);
      const first = createBroker({ db, clock });
      const out = first.service.submit(request(2, '2026-08-14T11:00:00Z/PT2H'), null);
      first.service.update(out.sessions[0]!.uuid, null, {
        kind: 'uri:enum-value-update',
        path: 'phase',
        value: 'ACCEPTED',
      });
      const held = sorted(first.store.reservations(clock.now()));
      first.store.close();
      const second = createBroker({ db, clock });
      try {
        expect(sorted(second.store.reservations(clock.now()))).toEqual(held);
        agree(second);
      } finally {
        second.store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
