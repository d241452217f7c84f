import { describe, expect, it } from 'vitest';
import { compare } from '../../src/validate/index.js';
import { offerset, request } from './helpers/fixtures.js';

type Json = ReturnType<typeof request>;

function ids(req: Json, offers: Json): string[] {
  return compare(req, offers).map((f) => `${f.ruleId} ${f.pointer}`);
}

describe('compare(request, offerset)', () => {
  it('a fitting offer set gives nothing', () => {
    expect(ids(request(), offerset())).toEqual([]);
  });

  const cases: [string, (r: Json, o: Json) => void, string, 'error' | 'warning'][] = [
    [
      'fewer cores than the minimum',
      (r, o) => {
        o.offers[0].compute.cores = { min: 1, max: 1 };
      },
      'EB-OFF-01 /offers/0/compute/cores',
      'error',
    ],
    [
      'more memory than the maximum',
      (r, o) => {
        o.offers[1].compute.memory = { min: 999, max: 999 };
      },
      'EB-OFF-05 /offers/1/compute/memory',
      'warning',
    ],
    [
      'storage below the minimum',
      (r, o) => {
        o.offers[0].storage[0].size = { min: 1, max: 1 };
      },
      'EB-OFF-01 /offers/0/storage/0/size',
      'error',
    ],
    [
      'a start outside the window',
      (r, o) => {
        o.offers[0].schedule.available.start = '2027-01-01T00:00:00Z/PT0S';
      },
      'EB-OFF-12 /offers/0/schedule/available/start',
      'error',
    ],
    [
      'a duration shorter than requested',
      (r, o) => {
        r.schedule.requested.duration = 'PT9H';
        o.offers[0].schedule.available.duration = 'PT1H';
      },
      'EB-OFF-01 /offers/0/schedule/available/duration',
      'error',
    ],
    [
      'a privileged request offered unprivileged',
      (r, o) => {
        r.executable.privileged = true;
        o.offers[0].executable.privileged = false;
      },
      'EB-OFF-21 /offers/0/executable',
      'error',
    ],
    [
      'a client-set external port replaced',
      (r, o) => {
        r.executable.network = { ports: [{ internal: { port: 80 }, external: { port: 8080 } }] };
        o.offers[1].executable.network = { ports: [{ internal: { port: 80 }, external: { port: 30001 } }] };
      },
      'EB-OFF-20 /offers/1/executable/network/ports/0',
      'warning',
    ], // a SHOULD: the request broke EB-DM-11 first
    [
      'a requested accelerator left out',
      (r, _o) => {
        r.compute.accelerators = [
          {
            kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/accelerator/simple-accelerator.yaml',
            meta: { name: 'gpu' },
            type: 'GPU',
          },
        ];
      },
      'EB-OFF-22 /offers/0/compute',
      'error',
    ],
    [
      'a renamed executable',
      (r, o) => {
        o.offers[2].executable.meta.name = 'other';
      },
      'EB-OFF-19 /offers/2/executable',
      'warning',
    ],
  ];
  for (const [name, mutate, expected, level] of cases) {
    it(name, () => {
      const r = request();
      const o = offerset();
      mutate(r, o);
      const found = compare(r, o);
      expect(found.map((f) => `${f.ruleId} ${f.pointer}`)).toContain(expected);
      expect(found.find((f) => `${f.ruleId} ${f.pointer}` === expected)?.level).toBe(level);
      expect(found.every((f) => f.rule === 'compare')).toBe(true);
    });
  }

  describe('several requested start ranges (EB-SCH-12): an offer starts within at least one', () => {
    const offeredAt = (ranges: unknown, start: string): string[] => {
      const r = request();
      const o = offerset();
      r.schedule.requested = { start: ranges, duration: 'PT1H' };
      o.offers = [o.offers[0]];
      o.offers[0].schedule.available = { start, duration: 'PT1H' };
      return compare(r, o)
        .filter((f) => f.ruleId === 'EB-OFF-12')
        .map((f) => `${f.ruleId} ${f.pointer}`);
    };
    const two = ['2026-08-14T09:00:00Z/PT1H', '2026-08-15'];
    it('a start inside the first range passes', () => expect(offeredAt(two, '2026-08-14T09:30:00Z/PT0S')).toEqual([]));
    it('a start inside the second range (a whole day) passes', () =>
      expect(offeredAt(two, '2026-08-15T23:00:00Z/PT0S')).toEqual([]));
    it('a start between the ranges breaks EB-OFF-12', () => {
      expect(offeredAt(two, '2026-08-14T12:00:00Z/PT0S')).toEqual(['EB-OFF-12 /offers/0/schedule/available/start']);
    });
    it('a one-item list reads like the single range', () => {
      expect(offeredAt(['2026-08-14T09:00:00Z/PT1H'], '2026-08-14T12:00:00Z/PT0S')).toEqual([
        'EB-OFF-12 /offers/0/schedule/available/start',
      ]);
    });
  });

  describe('the requested start window bounds the start, not the run (EB-SCH-02)', () => {
    // Window 11:00–12:00 for a 4 h run; offer 0 starts at 11:30.
    const setup = (offered: { start: string; duration: string }): string[] => {
      const r = request();
      const o = offerset();
      r.schedule.requested = { start: '2026-08-14T11:00:00Z/PT1H', duration: 'PT4H' };
      o.offers[0].schedule.available = offered;
      return compare(r, o)
        .filter((f) => f.pointer.startsWith('/offers/0/schedule'))
        .map((f) => `${f.ruleId} ${f.pointer} ${f.level}`);
    };

    it('an offer starting inside the window whose run ends long after the window is fine', () => {
      expect(setup({ start: '2026-08-14T11:30:00Z/PT0S', duration: 'PT4H' })).toEqual([]);
      expect(setup({ start: '2026-08-14T11:59:00Z', duration: 'PT6H' })).toEqual([]);
    });

    it('the same offer starting after the window closes is outside it', () => {
      expect(setup({ start: '2026-08-14T12:30:00Z/PT0S', duration: 'PT4H' })).toEqual([
        'EB-OFF-12 /offers/0/schedule/available/start error',
      ]);
    });

    it('a run cut short to end when the window closes is reported as reading the window as bounding the run', () => {
      expect(setup({ start: '2026-08-14T11:30:00Z/PT0S', duration: 'PT30M' }).sort()).toEqual([
        'EB-OFF-01 /offers/0/schedule/available/duration error',
        'EB-SCH-02 /offers/0/schedule/available/duration error',
      ]);
    });

    it('a run that is merely shorter (not ending at the window end) is only EB-OFF-01', () => {
      expect(setup({ start: '2026-08-14T11:30:00Z/PT0S', duration: 'PT2H' })).toEqual([
        'EB-OFF-01 /offers/0/schedule/available/duration error',
      ]);
    });
  });

  it('ignores what it cannot compare instead of throwing', () => {
    expect(compare(null, offerset())).toEqual([]);
    expect(compare(request(), { offers: 'nope' })).toEqual([]);
    expect(compare(request(), { offers: [null, 1, { compute: 'x', schedule: { available: { start: 5 } } }] })).toEqual(
      expect.any(Array),
    );
  });
});
