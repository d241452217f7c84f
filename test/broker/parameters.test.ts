import { describe, expect, it } from 'vitest';
import { offerBody } from '../../src/broker/documents.js';
import { defaultEnv } from '../../src/broker/parameters.js';
import { compare, validate } from '../../src/validate/index.js';
import { K, type Obj } from './helpers.js';

const request = (): Obj => ({
  executable: {
    kind: `${K}executable/docker-container.yaml`,
    meta: { name: 'xmatch' },
    image: { locations: ['ghcr.io/example/xmatch:1.0'] },
    environment: { LOG_LEVEL: 'info' },
    inputs: [
      { name: 'catalogue', resource: 'gaia-subset', env: 'CATALOGUE' },
      { name: 'targets', resource: 'target-list' },
    ],
    outputs: [{ name: 'matches', resource: 'results' }],
  },
  compute: {
    kind: `${K}compute/simple-compute-resource.yaml`,
    meta: { name: 'c' },
    volumes: [
      {
        kind: `${K}volume/simple-volume-mount.yaml`,
        meta: { name: 'gaia-volume' },
        path: '/data/gaia',
        mode: 'READONLY',
        resource: 'gaia-subset',
      },
    ],
  },
  storage: [
    { kind: `${K}storage/simple-storage-resource.yaml`, meta: { name: 'scratch' }, size: { min: 1 } },
    { kind: `${K}storage/simple-storage-resource.yaml`, meta: { name: 'results' }, size: { min: 1 } },
  ],
  data: [
    {
      kind: `${K}data/ivoa-data-resource.yaml`,
      meta: { name: 'gaia-subset' },
      storage: 'scratch',
      ivoa: { ivoid: 'ivo://example.org/gaia' },
    },
    {
      kind: `${K}data/simple-data-resource.yaml`,
      meta: { name: 'target-list' },
      storage: 'scratch',
      location: 'https://data.example.org/targets.csv',
    },
  ],
});

describe('inputs and outputs wired into the offer (EB-OFF-24)', () => {
  const req = request();
  const body = offerBody(req, 2, 4, [1, 1]);
  const exe = body.executable as Obj;
  const volumes = (body.compute as Obj).volumes as Obj[];

  it("a resource a volume mounts already is passed by that volume's path", () => {
    expect((exe.environment as Obj).CATALOGUE).toBe('/data/gaia');
  });
  it('an unmounted input is mounted READONLY at /inputs/<name> and named by the default variable', () => {
    expect(volumes).toContainEqual(
      expect.objectContaining({ path: '/inputs/targets', mode: 'READONLY', resource: 'target-list' }),
    );
    expect((exe.environment as Obj)[defaultEnv('inputs', 'targets')]).toBe('/inputs/targets');
    expect(defaultEnv('inputs', 'targets')).toBe('EB_INPUT_TARGETS');
  });
  it('an output is mounted READWRITE', () => {
    expect(volumes).toContainEqual(
      expect.objectContaining({ path: '/outputs/matches', mode: 'READWRITE', resource: 'results' }),
    );
    expect((exe.environment as Obj).EB_OUTPUT_MATCHES).toBe('/outputs/matches');
  });
  it("keeps the request unchanged and the client's own environment", () => {
    expect((req.executable as Obj).environment as Obj).toEqual({ LOG_LEVEL: 'info' });
    expect(((req.compute as Obj).volumes as unknown[]).length).toBe(1);
    expect((exe.environment as Obj).LOG_LEVEL).toBe('info');
  });
  it('the request and the wired offer body are valid documents', () => {
    expect(validate(req, { type: 'request' }).findings.filter((f) => f.level !== 'info')).toEqual([]);
  });
});

describe("a parameter's variable the client set itself", () => {
  it('keeps the value the client gave, so the offer still repeats the request (EB-OFF-19)', () => {
    const req = request();
    (req.executable as Obj).environment = { LOG_LEVEL: 'info', CATALOGUE: '/my/own/path' };
    const body = offerBody(req, 2, 4, [1, 1]);
    const env = (body.executable as Obj).environment as Obj;
    expect(env.CATALOGUE).toBe('/my/own/path');
    expect(env.EB_INPUT_TARGETS).toBe('/inputs/targets');
    const offer = { ...body, kind: 'uri:offer', phase: 'OFFERED' };
    expect(compare(req, { offers: [offer] }).filter((f) => f.ruleId === 'EB-OFF-19')).toEqual([]);
  });
});
