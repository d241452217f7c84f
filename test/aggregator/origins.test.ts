import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import {
  AggregatorConfigError,
  NoUpstreamError,
  createAggregator,
  resolveAggregatorConfig,
  type RunningAggregator,
} from '../../src/aggregator/index.js';
import { accept, aggregatorOver, call, freePort, messagesOf } from './helpers.js';

type Obj = Record<string, unknown>;

/**
 * A broker that names itself by another origin than the one the aggregator reaches it at: a broker behind a proxy
 * hands out its public URL. Its offers are refused unless the config vouches for that origin (EB-FED-09: no request
 * forgery). Here the broker listens on every loopback address and names itself http://127.0.0.2:P while the
 * aggregator reaches it at http://127.0.0.1:P: another host, the same socket.
 */
describe("a lower broker's other origin (upstream origins)", () => {
  let broker: RunningBroker;
  let alias: string;
  let direct: string;
  const aggs: RunningAggregator[] = [];
  beforeAll(async () => {
    const port = await freePort();
    alias = `http://127.0.0.2:${port}`;
    direct = `http://127.0.0.1:${port}`;
    broker = await startBroker({ db: ':memory:', publicUrl: alias, host: '0.0.0.0', port });
  });
  afterAll(async () => {
    await Promise.all(aggs.map((a) => a.close()));
    await broker?.close();
  });

  it('without origins: every offer is dropped with a message that names both origins and the remedy', async () => {
    const agg = await aggregatorOver([{ name: 'proxied', url: direct }]);
    aggs.push(agg);
    const res = await call(`${agg.url}/requests`, 'POST', executionRequest());
    expect(res.value.result).toBe('NO');
    const dropped = messagesOf(res.value).filter((m) => m.kind === 'urn:ebkit:federation:offer-dropped');
    expect(dropped.length).toBeGreaterThan(0);
    for (const m of dropped)
      expect(m.message).toBe(
        `An offer of broker proxied was dropped: its meta.url is on ${alias}, not on the broker's origin ${direct} (if that is the same service, list ${alias} under the broker's origins in the aggregator's config)`,
      );
  });

  it('with origins: the offers are kept, and accepting and reading one reach the broker at that origin', async () => {
    const agg = await aggregatorOver([{ name: 'proxied', url: direct, origins: [alias] }]);
    aggs.push(agg);
    const res = await call(`${agg.url}/requests`, 'POST', executionRequest());
    expect(res.value.result).toBe('YES');
    const offers = res.value.offers as Obj[];
    expect(offers.length).toBeGreaterThan(0);
    const url = String((offers[0]!.meta as Obj).url);
    expect(url.startsWith(`${agg.url}/sessions/`)).toBe(true);
    const accepted = await call(url, 'POST', accept('ACCEPTED'));
    expect(accepted.status).toBe(200);
    expect(accepted.value.phase).not.toBe('OFFERED');
    const read = await call(url, 'GET');
    expect(read.status).toBe(200);
    expect(messagesOf(read.value).map((m) => m.kind)).not.toContain('urn:ebkit:federation:stale');
    // The lower broker saw the acceptance: its own document of that session, at the alias origin, left OFFERED.
    const row = agg.store.getSession(url.split('/').pop()!);
    expect(row?.remote?.startsWith(`${alias}/sessions/`)).toBe(true);
    const lower = await call(row!.remote!.replace(alias, direct), 'GET');
    expect(lower.status).toBe(200);
    expect(lower.value.phase).not.toBe('OFFERED');
  });

  it('refuses origins that are not http(s) origins, naming the entry', () => {
    const bad = (origins: unknown) => () => resolveAggregatorConfig({ brokers: [{ name: 'b', url: direct, origins }] });
    expect(bad(['ftp://x.example'])).toThrow(AggregatorConfigError);
    expect(bad(['ftp://x.example'])).toThrow('brokers[0].origins[0]: must be http or https');
    expect(bad(['not a url'])).toThrow('brokers[0].origins[0]: not an absolute URL');
    expect(bad(['https://u:p@x.example'])).toThrow('brokers[0].origins[0]: an origin holds no credentials');
    expect(bad('https://x.example')).toThrow('brokers[0].origins must be a list of strings');
    expect(() =>
      resolveAggregatorConfig({ brokers: [{ name: 'b', url: 'https://b.example', origins: ['http://b.example'] }] }),
    ).toThrow('brokers[0].origins: the broker is reached over https, so its other origins must be https too');
    expect(
      resolveAggregatorConfig({ brokers: [{ name: 'b', url: direct, origins: ['https://X.example:443/eb/'] }] })
        .brokers[0]!.origins,
    ).toEqual(['https://x.example']);
  });
});

/**
 * `ebkit serve` names itself http://127.0.0.1:P; a user who writes --upstream http://localhost:P means that socket.
 * The loopback names of one scheme and port are taken as one origin, without `origins`.
 */
describe('a lower broker reached by another loopback name', () => {
  let broker: RunningBroker;
  let agg: RunningAggregator;
  beforeAll(async () => {
    broker = await startBroker({ db: ':memory:', host: '127.0.0.1', port: 0 });
    agg = await aggregatorOver([{ name: 'local', url: broker.url.replace('127.0.0.1', 'localhost') }]);
  });
  afterAll(async () => {
    await agg?.close();
    await broker?.close();
  });

  it('keeps its offers and forwards an acceptance to it', async () => {
    expect(broker.url.startsWith('http://127.0.0.1:')).toBe(true);
    const res = await call(`${agg.url}/requests`, 'POST', executionRequest());
    expect(messagesOf(res.value).filter((m) => m.kind === 'urn:ebkit:federation:offer-dropped')).toEqual([]);
    expect(res.value.result).toBe('YES');
    const url = String(((res.value.offers as Obj[])[0]!.meta as Obj).url);
    const accepted = await call(url, 'POST', accept('ACCEPTED'));
    expect(accepted.status).toBe(200);
    const row = agg.store.getSession(url.split('/').pop()!);
    const lower = await call(row!.remote!, 'GET');
    expect(lower.value.phase).not.toBe('OFFERED');
  });
});

describe('createAggregator options, from plain JavaScript', () => {
  it('refuses a setting put beside config, an unknown option, and no lower broker, each saying what to do', () => {
    const create = (o: Record<string, unknown>) => () => createAggregator(o);
    expect(create({ upstreams: ['http://127.0.0.1:1'], upstreamTimeout: 0.5 })).toThrow(
      'aggregator option "upstreamTimeout" is a setting: give it as config: { upstreamTimeout: … }',
    );
    expect(create({ upstreams: ['http://127.0.0.1:1'], upstream: 'x' })).toThrow(
      /^unknown aggregator option "upstream" \(options: db, config,/,
    );
    expect(create({ upstreams: [] })).toThrow(NoUpstreamError);
    expect(create({})).toThrow('an aggregator needs a lower broker: give upstreams: [URL, …] or config.brokers');
    expect(create({ upstreams: ['ftp://x'] })).toThrow(/^upstreams\[0\]: /);
    expect(create({ upstreams: ['ftp://x'] })).toThrow(AggregatorConfigError);
  });
});
