import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAST_BROKER_CONFIG } from '../../conformance/embedded.js';
import { createBroker, ManualClock, type BrokerOptions, type RunningBroker } from '../../src/broker/index.js';
import type { CliIO } from '../../src/cli/io.js';

export const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/';
export const COST = `${K}costs/simple-minmax-float-cost.yaml`;
export const METRIC = `${K}metrics/simple-minmax-float-metric.yaml`;
export const MONETARY = 'urn:ivoa:calycopis:cost:monetary';
export const SPEED = 'urn:ebkit:metric:speed';
export const CO2 = 'urn:ebkit:metric:co2';
/** Five minutes before the fixture request's start window opens. */
export const T0 = Date.parse('2026-08-14T10:55:00Z');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a broker quotes per offer: a price per core and fixed metrics. */
export interface Pricing {
  ratePerCore: number;
  metrics: Record<string, number>;
}

/**
 * A reference broker whose offers carry a monetary cost (rate × cores) and metrics. The reference broker quotes
 * none of its own, so a response hook adds them to every JSON session and offer set it sends.
 */
export async function pricedBroker(pricing: Pricing, opts: BrokerOptions = {}): Promise<RunningBroker> {
  const broker = createBroker({ db: ':memory:', ...opts });
  broker.app.addHook('onSend', async (_req, reply, payload) => {
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('application/json'))
      return payload;
    const value = JSON.parse(payload) as unknown;
    const price = (s: unknown): void => {
      if (!isObj(s) || !isObj(s.compute) || !isObj(s.compute.cores)) return;
      const cost = pricing.ratePerCore * Number(s.compute.cores.min);
      s.costs = [{ kind: COST, type: MONETARY, min: cost, max: cost }];
      s.metrics = Object.entries(pricing.metrics).map(([type, v]) => ({ kind: METRIC, type, min: v, max: v }));
    };
    if (isObj(value) && Array.isArray(value.offers)) value.offers.forEach(price);
    else price(value);
    return JSON.stringify(value);
  });
  const url = await broker.listen();
  return Object.assign(broker, { url });
}

export interface Three {
  east: RunningBroker;
  west: RunningBroker;
  north: RunningBroker;
  close(): Promise<void>;
}

/**
 * The timings the `fixed` brokers' golden output is computed from, stated here rather than taken from the
 * reference broker's defaults (which are simulator timings and may change): offers live 5 min (expire at
 * 11:00:00Z), starts fall on whole minutes, and a run is prepared for 2 min and released for 1 min, so the later
 * offer, back to back with a 1 h run available at 11:00:00Z, starts at 12:03:00Z.
 */
export const FIXED_BROKER_CONFIG = { offerLifetime: 300, slotSeconds: 60, prepare: 'PT2M', release: 'PT1M' } as const;

/**
 * Three reference brokers with different platforms, prices and metrics. `fixed`: each on its own manual clock at
 * T0 with FIXED_BROKER_CONFIG (offers and expiries never move: golden output); otherwise the system clock with
 * phases of a fraction of a second (FAST_BROKER_CONFIG), for following sessions to their end.
 */
export async function startThree(mode: 'fixed' | 'fast'): Promise<Three> {
  const base = (config: BrokerOptions['config']): BrokerOptions =>
    mode === 'fixed'
      ? { clock: new ManualClock(T0), config: { ...FIXED_BROKER_CONFIG, ...config } }
      : { tickMs: 50, config: { ...FAST_BROKER_CONFIG, offerLifetime: 60, ...config } };
  const east = await pricedBroker({ ratePerCore: 3, metrics: { [SPEED]: 10 } }, base({}));
  const west = await pricedBroker({ ratePerCore: 1, metrics: { [SPEED]: 5, [CO2]: 2 } }, base({ cores: 16 }));
  const north = await pricedBroker({ ratePerCore: 2, metrics: { [SPEED]: 20 } }, base({ cores: 8, maxOffers: 2 }));
  return {
    east,
    west,
    north,
    close: async () => {
      await Promise.all([east.close(), west.close(), north.close()]);
    },
  };
}

/** A port nothing listens on. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((done) => s.close(() => done()));
  return port;
}

/** A raw server answering every request with `handle` (hostile or odd brokers). */
export async function rawServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    handle(req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface MemoryIO extends CliIO {
  readonly stdoutText: string;
  readonly stderrText: string;
}

export function memoryIO(over: Partial<CliIO> = {}): MemoryIO {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async () => Buffer.alloc(0),
    env: {},
    isTTY: false,
    cwd: process.cwd(),
    ...over,
    get stdoutText() {
      return out;
    },
    get stderrText() {
      return err;
    },
  };
}

/** One JSON GET (the test's own view of a broker, independent of the client under test). */
export async function getJson(url: string): Promise<Obj> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  return (await res.json()) as Obj;
}
