import { afterEach, describe, expect, it } from 'vitest';
import { compare } from '../../src/validate/index.js';
import { DEFAULT_CONFIG, planOffers, resolveConfig, ConfigError } from '../../src/broker/index.js';
import { timingsOf } from '../../src/broker/config.js';
import { parseStartWindow } from '../../src/broker/time.js';
import { EXAMPLE_REQUEST, K, T0, errorsOf, offersOf, start, submit, type Obj } from './helpers.js';
import type { RunningBroker } from '../../src/broker/index.js';

const open: RunningBroker[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
});
async function broker(config: Obj = {}): Promise<RunningBroker> {
  const b = await start({ config });
  open.push(b);
  return b;
}

const plan = (request: Obj, config = {}, reservations = []) => {
  const c = resolveConfig(config);
  return planOffers({ request, now: T0, config: c, timings: timingsOf(c), reservations, maxOffers: c.maxOffers });
};
const slotStart = (offer: Obj): number =>
  Date.parse((((offer.schedule as Obj).available as Obj).start as string).split('/')[0]!);

describe('planner', () => {
  it('offers meet every minimum, stay within every maximum and start inside the window (compare finds nothing)', async () => {
    const b = await broker();
    const r = await submit(b);
    expect(r.value.result).toBe('YES');
    expect(compare(EXAMPLE_REQUEST, r.value)).toEqual([]);
    const window = parseStartWindow('2026-08-14T11:00:00Z/PT2H')!;
    for (const o of offersOf(r)) {
      const c = o.compute as Record<string, { min: number; max: number }>;
      expect(c.cores!.min).toBeGreaterThanOrEqual(2);
      expect(c.cores!.max).toBeLessThanOrEqual(4);
      expect(c.memory!.min).toBeGreaterThanOrEqual(4);
      expect(c.memory!.max).toBeLessThanOrEqual(8);
      expect(slotStart(o)).toBeGreaterThanOrEqual(window.start);
      expect(slotStart(o)).toBeLessThanOrEqual(window.end);
      // exactly one slot: a zero-length interval (EB-OFF-14)
      expect(((o.schedule as Obj).available as Obj).start).toMatch(/\/PT0S$/);
      // component names echoed (EB-OFF-19)
      expect(((o.compute as Obj).meta as Obj).name).toBe('compute-001');
      expect(((o.executable as Obj).meta as Obj).name).toBe('checksum-tool');
    }
  });

  it('gives several offers when it can: the minimum first, then more', () => {
    const p = plan(EXAMPLE_REQUEST);
    expect(p.result).toBe('YES');
    if (p.result !== 'YES') return;
    expect(p.offers.length).toBeGreaterThanOrEqual(2);
    expect(p.offers[0]).toMatchObject({ cores: 2, memory: 4 });
    expect(p.offers[1]!.cores).toBeGreaterThan(2);
  });

  describe('several requested start ranges (EB-SCH-12)', () => {
    const at = (start: unknown): number[] => {
      const p = plan({ executable: EXAMPLE_REQUEST.executable, schedule: { requested: { start, duration: 'PT30M' } } });
      return p.result === 'YES' ? p.offers.map((o) => o.availableStart) : [];
    };
    const day = new Date(T0 + 86_400_000).toISOString().slice(0, 10);
    const later = new Date(T0 + 6 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    it('books every start inside one of the ranges', () => {
      const ranges = [`${later}/PT1H`, day];
      const starts = at(ranges);
      expect(starts.length).toBeGreaterThan(0);
      const windows = [
        [Date.parse(later), Date.parse(later) + 3600_000],
        [Date.parse(`${day}T00:00:00Z`), Date.parse(`${day}T00:00:00Z`) + 86_400_000],
      ];
      for (const t of starts) expect(windows.some(([a, b]) => t >= a! && t <= b!)).toBe(true);
      expect(starts[0]).toBe(Date.parse(later));
    });
    it('a past range is skipped when a later one is open', () => {
      expect(at(['2000-01-01T00:00:00Z/PT1H', `${later}/PT1H`])[0]).toBe(Date.parse(later));
    });
    it('a bare date and an offset-free instant are read as UTC (EB-SCH-10, EB-SCH-11)', () => {
      expect(at(day)[0]).toBe(Date.parse(`${day}T00:00:00Z`));
      expect(new Set(at(later.replace(/Z$/, '')))).toEqual(new Set([Date.parse(later)]));
    });
    it('answers NO naming the range it cannot read', () => {
      const p = plan({
        executable: EXAMPLE_REQUEST.executable,
        schedule: { requested: { start: [`${later}/PT1H`, 'PT1H/2026-01-01T00:00:00Z'] } },
      });
      expect(p.result).toBe('NO');
      expect(JSON.stringify(p.messages)).toContain('PT1H/2026-01-01T00:00:00Z');
    });
  });

  it('answers NO naming privileged and a client-set external port (EB-OFF-20, EB-OFF-21)', () => {
    const exe = EXAMPLE_REQUEST.executable as Obj;
    const privileged = plan({ executable: { ...exe, privileged: true } });
    expect(privileged.result).toBe('NO');
    expect(JSON.stringify(privileged.messages)).toContain('privileged');
    const port = plan({
      executable: {
        ...exe,
        network: { ports: [{ internal: { port: 80 } }, { internal: { port: 22 }, external: { port: 2222 } }] },
      },
    });
    expect(port.result).toBe('NO');
    expect(port.messages.map((m) => m.values)).toEqual([expect.objectContaining({ port: '2222', index: '1' })]);
    expect(
      plan({ executable: { ...exe, privileged: false, network: { ports: [{ internal: { port: 80 } }] } } }).result,
    ).toBe('YES');
  });

  describe('accelerators (EB-OFF-22)', () => {
    const KA = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/accelerator/simple-accelerator.yaml';
    const withGpu = (gpu: Obj): Obj => ({
      executable: EXAMPLE_REQUEST.executable,
      compute: {
        kind: `${K}compute/simple-compute-resource.yaml`,
        meta: { name: 'c' },
        accelerators: [{ kind: KA, meta: { name: 'gpu' }, type: 'GPU', ...gpu }],
      },
    });
    const a100 = { accelerators: [{ type: 'GPU', vendor: 'NVIDIA', model: 'A100', memory: 40, count: 2 }] };
    it('a platform with none (the default) answers NO naming the accelerator', () => {
      const p = plan(withGpu({ count: { min: 1 } }));
      expect(p.result).toBe('NO');
      expect(p.messages.map((m) => m.values)).toEqual([
        expect.objectContaining({ resource: 'gpu', accelerator: 'GPU' }),
      ]);
    });
    it('a platform that has it offers; vendor and model compare case-insensitively', () => {
      expect(
        plan(withGpu({ vendor: 'nvidia', model: 'a100', count: { min: 1, max: 2 }, memory: { min: 16 } }), a100).result,
      ).toBe('YES');
    });
    it('too many, too little memory or another vendor is NO', () => {
      expect(plan(withGpu({ count: { min: 4 } }), a100).result).toBe('NO');
      expect(plan(withGpu({ memory: { min: 80 } }), a100).result).toBe('NO');
      expect(plan(withGpu({ vendor: 'AMD' }), a100).result).toBe('NO');
    });
    it('an accelerator kind it does not know is NO (EB-KIND-02)', () => {
      const p = plan(
        {
          ...withGpu({}),
          compute: {
            kind: `${K}compute/simple-compute-resource.yaml`,
            accelerators: [{ kind: 'https://example.org/tpu.yaml' }],
          },
        },
        a100,
      );
      expect(p.result).toBe('NO');
      expect(JSON.stringify(p.messages)).toContain('tpu.yaml');
    });
    it('the config refuses a malformed entry, naming it', () => {
      expect(() => resolveConfig({ accelerators: [{ type: 'GPU', memory: 8, count: -1 }] })).toThrow(
        /accelerators" entry 1: count/,
      );
      expect(() => resolveConfig({ accelerators: [{ type: 'QPU', memory: 8, count: 1 }] })).toThrow(ConfigError);
    });
  });

  it('mounts reachable unmanaged storage without booking its size, and answers NO for unreachable (EB-DM-12, EB-OFF-17)', () => {
    const store = (location: string): Obj => ({
      executable: EXAMPLE_REQUEST.executable,
      storage: [
        {
          kind: `${K}storage/simple-storage-resource.yaml`,
          meta: { name: 'vos' },
          lifecycle: 'unmanaged',
          location,
          size: { min: 5000 },
        },
      ],
    });
    const ok = plan(store('https://vospace.example.org/nodes/alice'));
    expect(ok.result).toBe('YES');
    if (ok.result === 'YES') expect(ok.offers[0]!.storage).toEqual([0]);
    const no = plan(store('https://vospace.invalid/nodes/alice'));
    expect(no.result).toBe('NO');
    expect(no.messages.map((m) => m.values)).toEqual([
      expect.objectContaining({ resource: 'vos', location: 'https://vospace.invalid/nodes/alice' }),
    ]);
  });

  it('without a start window the first offer starts at now + prepare time', () => {
    const p = plan({ executable: EXAMPLE_REQUEST.executable }, { prepare: 'PT2M', slotSeconds: 60 });
    expect(p.result).toBe('YES');
    if (p.result === 'YES') expect(p.offers[0]!.availableStart).toBe(T0 + 2 * 60_000);
  });

  it('live offers reserve resources, so a second request sees less and a later slot', async () => {
    const b = await broker({ cores: 6, memory: 100 });
    const first = await submit(b);
    const second = await submit(b);
    expect(second.value.result).toBe('YES');
    const firstStarts = offersOf(first).map(slotStart);
    const secondStarts = offersOf(second).map(slotStart);
    expect(Math.min(...secondStarts)).toBeGreaterThan(Math.min(...firstStarts));
    expect(compare(EXAMPLE_REQUEST, second.value)).toEqual([]);
  });

  it('answers NO with reasons when nothing fits', async () => {
    const b = await broker({ cores: 1 });
    const r = await submit(b);
    expect(r.value.result).toBe('NO');
    expect(offersOf(r)).toEqual([]);
    const m = ((r.value.meta as Obj).messages as Obj[])[0]!;
    expect(m).toMatchObject({ kind: 'urn:resource-limit', level: 'WARN' });
    expect((m.values as Obj).limit).toBe('1');
    expect(errorsOf(r, 'offerset')).toEqual([]);
  });

  it.each([
    [
      'an executable kind the platform does not run',
      { executableKinds: [`${K}executable/jupyter-notebook.yaml`] },
      {},
      'uri:unknown-type',
    ],
    [
      'a data location outside the allowed prefixes',
      { dataLocations: ['https://archive.example.org/'] },
      {},
      'urn:not-supported',
    ],
    [
      'a start window already past',
      {},
      { schedule: { requested: { start: '2026-08-14T09:00:00Z/PT1H', duration: 'PT1H' } } },
      'urn:resource-limit',
    ],
    ['a run longer than the platform grants', { maxDuration: 'PT30M' }, {}, 'urn:resource-limit'],
    ['more storage than the platform has', { storage: 5 }, {}, 'urn:resource-limit'],
  ])('NO for %s', (_name, config, change, kind) => {
    const p = plan({ ...EXAMPLE_REQUEST, ...change }, config);
    expect(p.result).toBe('NO');
    expect(p.messages.map((m) => m.kind)).toContain(kind);
  });

  it.each([
    ['a host under the reserved .invalid TLD', 'https://unreachable.invalid/catalogue/sample.vot', 'NO'],
    ['a location that is not a URL', 'catalogue/sample.vot', 'NO'],
    ['an https URL without a host', 'https://', 'NO'],
    ['a reachable https host', 'https://data.example.org/catalogue/sample.vot', 'YES'],
    ['a file: URL', 'file:///archive/sample.vot', 'YES'],
  ])('EB-OFF-17: data at %s is answered %s', (_name, location, result) => {
    const data = (EXAMPLE_REQUEST.data as Obj[]).map((d) => ({ ...d, location }));
    const p = plan({ ...EXAMPLE_REQUEST, data });
    expect(p.result).toBe(result);
    if (result === 'NO') expect(p.messages.map((m) => m.kind)).toEqual(['urn:not-supported']);
  });

  it('EB-OFF-18: a request holding only an executable is answered YES over HTTP, as a valid offer set', async () => {
    const b = await broker();
    const r = await submit(b, { executable: EXAMPLE_REQUEST.executable });
    expect(r.status).toBe(303);
    expect(r.value.result).toBe('YES');
    expect(offersOf(r).length).toBeGreaterThan(0);
    expect(errorsOf(r, 'offerset')).toEqual([]);
  });

  it('an exact requested start is honoured to the second', () => {
    const p = plan({ ...EXAMPLE_REQUEST, schedule: { requested: { start: '2026-08-14T11:07:13Z/PT0S' } } });
    expect(p.result).toBe('YES');
    if (p.result === 'YES') for (const o of p.offers) expect(o.availableStart).toBe(Date.parse('2026-08-14T11:07:13Z'));
  });
});

describe('config', () => {
  it('defaults are complete and unknown or bad keys are refused by name', () => {
    expect(resolveConfig(undefined)).toEqual({ ...DEFAULT_CONFIG });
    expect(() => resolveConfig({ coars: 4 })).toThrow(/coars/);
    expect(() => resolveConfig({ cores: -1 })).toThrow(ConfigError);
    expect(() => resolveConfig({ prepare: '5 minutes' })).toThrow(/prepare/);
    expect(resolveConfig({ cores: 8 }).cores).toBe(8);
  });
});
