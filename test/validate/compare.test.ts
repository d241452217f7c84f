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
    [
      'a changed image location',
      (r, o) => {
        o.offers[0].executable.image.locations = ['docker.io/evil/miner:latest'];
      },
      'EB-OFF-19 /offers/0/executable/image/locations/0',
      'warning',
    ],
    [
      'a changed executable kind',
      (r, o) => {
        o.offers[1].executable.kind =
          'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml';
      },
      'EB-OFF-19 /offers/1/executable/kind',
      'warning',
    ],
    [
      'a changed data location',
      (r, o) => {
        o.offers[0].data[0].location = 'https://evil.example/z';
      },
      'EB-OFF-19 /offers/0/data/0/location',
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

  describe('the values the request fixed in its executable and data resources (EB-OFF-19)', () => {
    const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/';
    /** Findings of EB-OFF-19 as "pointer: message". */
    const values = (r: Json, o: Json): string[] =>
      compare(r, o)
        .filter((f) => f.ruleId === 'EB-OFF-19')
        .map((f) => `${f.pointer}: ${f.message}`);

    it('names the requested and the offered value', () => {
      const o = offerset();
      o.offers[0].executable.image.locations = ['docker.io/evil/miner:latest'];
      o.offers[0].data[0].location = 'https://evil.example/z';
      o.offers[1].executable.kind = `${K}executable/jupyter-notebook.yaml`;
      expect(values(request(), o)).toEqual([
        '/offers/0/data/0/location: the offer changes location of the data resource "gaia-subset" from the requested "https://data.example.org/gaia/dr3/gaia-dr3-subset.parquet" to "https://evil.example/z"',
        '/offers/0/executable/image/locations/0: the offer changes image/locations/0 of the executable "catalogue-server" from the requested "ghcr.io/example/catalogue-server:3.2.1" to "docker.io/evil/miner:latest"',
        `/offers/1/executable/kind: the offer gives the executable "catalogue-server" kind "${K}executable/jupyter-notebook.yaml", but the request asks for kind "${K}executable/docker-container.yaml"`,
      ]);
    });

    it('a data resource of another kind, and one matched by name at another place', () => {
      const o = offerset();
      o.offers[0].data = [
        { storage: 'x', meta: { name: 'other' } },
        { ...o.offers[0].data[0], kind: `${K}data/S3-data-resource.yaml` },
      ];
      expect(values(request(), o).map((f) => f.split(':')[0])).toEqual(['/offers/0/data/1/kind']);
    });

    it('a member the offer gives holds every value the request set in it: no item of a list dropped', () => {
      const r = request();
      const o = offerset();
      r.executable.image.locations.push('quay.io/example/catalogue-server:3.2.1');
      o.offers[0].executable.image.locations = ['ghcr.io/example/catalogue-server:3.2.1'];
      delete o.offers[0].executable.image.digest;
      o.offers[0].executable.network.ports[0].internal = { port: 9090 };
      expect(values(r, o)).toEqual([
        '/offers/0/executable/image/digest: the offer leaves out image/digest of the executable "catalogue-server", which the request sets to "sha256:9b1d7c0f3e2a4b6c8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e"',
        '/offers/0/executable/image/locations/1: the offer leaves out image/locations/1 of the executable "catalogue-server", which the request sets to "quay.io/example/catalogue-server:3.2.1"',
        '/offers/0/executable/network/ports/0/internal/port: the offer changes network/ports/0/internal/port of the executable "catalogue-server" from the requested 8080 to 9090',
      ]);
    });

    it('an unprivileged request offered privileged, and a changed environment value', () => {
      const o = offerset();
      Object.assign(o.offers[0].executable, {
        privileged: true,
        environment: { LOG_LEVEL: 'debug', CATALOGUE_DIR: '/data' },
      });
      expect(values(request(), o).map((f) => f.split(':')[0])).toEqual([
        '/offers/0/executable/environment/LOG_LEVEL',
        '/offers/0/executable/privileged',
      ]);
    });

    it('an offer that only fills in what the request left out, and turns ranges into values, gives nothing', () => {
      const r = request();
      const o = offerset();
      // The request leaves out its data's storage and gives its entrypoint as null: not given.
      delete r.data[0].storage;
      r.executable.entrypoint = null;
      r.executable.phase = 'INITIALIZING';
      for (const offer of o.offers as Json[]) {
        const exe = structuredClone(r.executable);
        exe.meta = { name: 'catalogue-server', uuid: '0b8f4e0c-4a4c-4d0e-9b8f-7f2a1b3c4d5e' };
        exe.phase = 'READY';
        exe.entrypoint = '/usr/local/bin/other';
        exe.environment.EB_INPUT_EXTRA = '/volumes/extra';
        exe.image.locations.push('registry.example.org/mirror/catalogue-server:3.2.1');
        exe.network.ports[0].external = { port: 31080, addresses: ['192.0.2.10'] };
        exe.costs = [{ kind: `${K}costs/simple-minmax-float-cost.yaml`, type: 'urn:x', min: 1, max: 1 }];
        offer.executable = exe;
        offer.data = [{ ...structuredClone(r.data[0]), phase: 'READY', storage: 'work-space' }];
        offer.compute.cores = { min: 3, max: 3 };
        offer.storage[0].size = { min: 30, max: 30 };
      }
      expect(compare(r, o)).toEqual([]);
    });

    it('a client-set external port or privileged: true is left to its own rule (EB-OFF-20, -21)', () => {
      const r = request();
      const o = offerset();
      r.executable.privileged = true;
      r.executable.network.ports[0].external = { port: 8080 };
      o.offers = [o.offers[0]];
      o.offers[0].executable.privileged = false;
      expect(compare(r, o).map((f) => `${f.ruleId} ${f.pointer}`)).toEqual([
        'EB-OFF-21 /offers/0/executable',
        'EB-OFF-20 /offers/0/executable/network/ports/0',
      ]);
    });
  });

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
