import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAST_BROKER_CONFIG } from '../../conformance/embedded.js';
import { createBroker, type Broker, type BrokerOptions, type RunningBroker } from '../../src/broker/index.js';
import {
  startAggregator,
  type AggregatorOptions,
  type RunningAggregator,
  type UpstreamConfig,
} from '../../src/aggregator/index.js';

export const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/';
export const COST = `${K}costs/simple-minmax-float-cost.yaml`;
export const METRIC = `${K}metrics/simple-minmax-float-metric.yaml`;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A reference broker quoting a monetary cost and a speed metric from its own config (costs, metrics): with the
 * fast config's one-second runs, `perCoreHour` = rate × 3600 makes each offer cost rate × its cores.
 */
async function priced(opts: BrokerOptions, rate: number, speed: number): Promise<RunningBroker> {
  const broker: Broker = createBroker({
    db: ':memory:',
    tickMs: 100,
    ...opts,
    config: {
      ...FAST_BROKER_CONFIG,
      costs: [{ type: 'urn:ivoa:calycopis:cost:monetary', perCoreHour: rate * 3600, fixed: 0 }],
      metrics: [{ type: 'urn:ebkit:metric:speed', min: speed, max: speed }],
      ...(opts.config ?? {}),
    },
  });
  const url = await broker.listen();
  return Object.assign(broker, { url });
}

export interface Federation {
  brokers: { east: RunningBroker; west: RunningBroker; north: RunningBroker };
  close(): Promise<void>;
}

/** Three reference brokers with different prices, speeds and data locations. */
export async function startThree(extra: BrokerOptions = {}): Promise<Federation> {
  const east = await priced(
    { ...extra, config: { dataLocations: ['https://data.east.example/', 'https://'], ...(extra.config ?? {}) } },
    3,
    10,
  );
  const west = await priced(
    {
      ...extra,
      config: { cores: 16, dataLocations: ['https://data.west.example/', 'https://'], ...(extra.config ?? {}) },
    },
    1,
    5,
  );
  const north = await priced({ ...extra, config: { cores: 8, maxOffers: 2, ...(extra.config ?? {}) } }, 2, 20);
  return {
    brokers: { east, west, north },
    close: async () => {
      await Promise.all([east.close(), west.close(), north.close()]);
    },
  };
}

export function brokerList(f: Federation): UpstreamConfig[] {
  return [
    {
      name: 'east',
      url: f.brokers.east.url,
      data: {
        urlPrefixes: ['https://data.east.example/'],
        rucioScopes: ['east-scope'],
        storageElements: ['EAST_SE'],
        ivoids: ['ivo://east.example/'],
      },
    },
    {
      name: 'west',
      url: f.brokers.west.url,
      data: {
        urlPrefixes: ['https://data.west.example/'],
        rucioScopes: ['west-scope'],
        storageElements: ['WEST_SE'],
        ivoids: [],
      },
    },
    { name: 'north', url: f.brokers.north.url },
  ];
}

export async function aggregatorOver(
  brokers: UpstreamConfig[],
  opts: AggregatorOptions & { port?: number } = {},
): Promise<RunningAggregator> {
  const agg = await startAggregator({
    db: ':memory:',
    ...opts,
    config: { upstreamTimeout: 2, ...(opts.config ?? {}), brokers },
  });
  await agg.service.warmCapabilities();
  return agg;
}

/** A lower broker gone wrong: a raw node server answering every request its own way. */
export type Fault = 'stall' | 'huge' | 'redirect-loop' | 'invalid' | '5xx' | 'garbage' | 'html';

export async function startFaulty(fault: Fault): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    switch (fault) {
      case 'stall':
        return; // never answers
      case 'huge': {
        res.writeHead(303, { 'content-type': 'application/json', location: '/offersets/x' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let n = 0;
        const push = (): void => {
          while (n++ < 64) if (!res.write(chunk)) return void res.once('drain', push);
          res.end();
        };
        return push();
      }
      case 'redirect-loop':
        res.writeHead(307, { location: req.url ?? '/' });
        return res.end();
      case 'invalid':
        res.writeHead(303, {
          'content-type': 'application/json',
          location: '/offersets/00000000-0000-4000-8000-000000000000',
        });
        return res.end(
          JSON.stringify({
            result: 'YES',
            offers: [{ kind: 'not a uri', phase: 'SOMETIMES', meta: { url: 'http://evil.invalid/sessions/1' } }],
          }),
        );
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"result": YES, oops');
      case 'html':
        // A proxy in front of a broker that is down.
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
      case '5xx':
        res.writeHead(500, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({ status: 500, error: 'INTERNAL_ERROR', code: 'INTERNAL_ERROR', message: 'boom' }),
        );
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** One JSON exchange with a server (redirects not followed). */
export async function call(
  url: string,
  method = 'GET',
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string>; value: Obj; text: string }> {
  const res = await fetch(url, {
    method,
    redirect: 'manual',
    headers: {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let value: Obj;
  try {
    value = text ? (JSON.parse(text) as Obj) : {};
  } catch {
    value = {};
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), value, text };
}

export const accept = (value: string): Obj => ({ kind: 'uri:enum-value-update', path: 'phase', value });

export function messagesOf(
  doc: Obj,
): { kind: string; level: string; message: string; values: Record<string, string> }[] {
  const meta = isObj(doc.meta) ? doc.meta : {};
  return (Array.isArray(meta.messages) ? meta.messages : []) as {
    kind: string;
    level: string;
    message: string;
    values: Record<string, string>;
  }[];
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((done) => s.close(() => done()));
  return port;
}

export { memoryIO } from '../support/memory-io.js';
