/**
 * The reference aggregator (spec/04): `createAggregator` builds it, `startAggregator` also listens on loopback.
 * See README.md in this folder.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { systemClock, type Clock } from '../broker/clock.js';
import { formatInstant } from '../broker/time.js';
import { DEFAULT_TIMEOUTS, type ServerTimeouts } from '../broker/http/app.js';
import { DEFAULT_CONFIG } from '../broker/config.js';
import {
  AGGREGATOR_CONFIG_KEYS,
  AggregatorConfigError,
  NoUpstreamError,
  loadAggregatorConfigFile,
  resolveAggregatorConfig,
  secretsOf,
  upstreamOf,
  type AggregatorConfig,
  type Credentials,
  type UpstreamConfig,
} from './config.js';
import { openAggregatorStore, type AggregatorStoreApi } from './store.js';
import { Upstream } from './upstream.js';
import { CapabilityCache } from './capabilities.js';
import { Redactor } from './redact.js';
import { AggregatorService } from './service.js';
import { buildAggregatorApp } from './http.js';
import { closeServer } from '../broker/http/close.js';

export interface AggregatorOptions {
  db?: string;
  /** Settings over the defaults, or a YAML file (`configFile`); `upstreams` are added to its brokers. */
  config?: Partial<AggregatorConfig>;
  configFile?: string;
  /** Lower brokers: a URL, or a broker as a config's brokers: list has it ({name, url, token…}). */
  upstreams?: (string | UpstreamConfig)[];
  clock?: Clock;
  publicUrl?: string;
  auth?: 'none' | 'bearer';
  timeouts?: Partial<ServerTimeouts>;
}

export interface Aggregator {
  app: FastifyInstance;
  service: AggregatorService;
  store: AggregatorStoreApi;
  config: AggregatorConfig;
  stats: { internalErrors: number; lastInternalError?: unknown };
  baseUrl: string | undefined;
  listen(opts?: { host?: string; port?: number }): Promise<string>;
  close(): Promise<void>;
}

export interface RunningAggregator extends Aggregator {
  url: string;
}

/** What createAggregator takes: every key of AggregatorOptions (startAggregator adds host and port). */
const OPTION_KEYS: ReadonlySet<string> = new Set<keyof Required<AggregatorOptions>>([
  'db',
  'config',
  'configFile',
  'upstreams',
  'clock',
  'publicUrl',
  'auth',
  'timeouts',
]);

/**
 * A plain-JavaScript caller gets no compiler to catch `startAggregator({ upstreamTimeout: 0.5 })`: a setting put
 * beside `config` instead of in it would be ignored without a word, so an unknown option is an error naming where
 * it belongs.
 */
function checkOptions(options: object): void {
  for (const key of Object.keys(options)) {
    if (OPTION_KEYS.has(key)) continue;
    throw new AggregatorConfigError(
      AGGREGATOR_CONFIG_KEYS.has(key)
        ? `aggregator option "${key}" is a setting: give it as config: { ${key}: … }`
        : `unknown aggregator option "${key}" (options: ${[...OPTION_KEYS].join(', ')})`,
    );
  }
}

export function createAggregator(options: AggregatorOptions = {}): Aggregator {
  checkOptions(options);
  const fromFile = options.configFile ? loadAggregatorConfigFile(options.configFile) : undefined;
  const merged = resolveAggregatorConfig({
    ...(fromFile ?? {}),
    ...(options.config ?? {}),
    brokers: [...(fromFile?.brokers ?? []), ...(options.config?.brokers ?? [])],
  });
  const extra = (options.upstreams ?? []).map((u, i) => upstreamOf(u, `upstreams[${i}]`));
  const config = resolveAggregatorConfig({ ...merged, brokers: [...merged.brokers, ...extra] });
  if (config.brokers.length === 0)
    throw new NoUpstreamError('an aggregator needs a lower broker: give upstreams: [URL, …] or config.brokers');
  const clock = options.clock ?? systemClock;
  const store = openAggregatorStore(options.db ?? ':memory:');
  const upstreams = config.brokers.map(
    (b) => new Upstream(b, { timeoutMs: Math.round(config.upstreamTimeout * 1000) }),
  );
  const service = new AggregatorService({
    store,
    upstreams,
    config,
    caps: new CapabilityCache(config.capabilityTtl * 1000, () => clock.now()),
    clock,
    redactor: new Redactor(secretsOf(config)),
  });
  const identities = config.identities.map((i) => ({ hash: sha(i.token), brokers: i.brokers }));
  const credentialsFor = (token: string | undefined) => {
    const hash = token === undefined ? undefined : sha(token);
    const hit = hash === undefined ? undefined : identities.find((i) => timingSafeEqual(i.hash, hash));
    // An identity the map does not name is forwarded with each broker's own configured credentials.
    return (broker: string): Credentials | undefined => hit?.brokers[broker];
  };
  const stats: Aggregator['stats'] = { internalErrors: 0 };
  const agg: Aggregator = {
    app: undefined as unknown as FastifyInstance,
    service,
    store,
    config,
    stats,
    baseUrl: options.publicUrl?.replace(/\/+$/, ''),
    async listen(opts = {}) {
      await agg.app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
      const addr = agg.app.server.address();
      const url =
        typeof addr === 'object' && addr
          ? `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`
          : '';
      agg.baseUrl ??= url;
      void service.warmCapabilities();
      return url;
    },
    async close() {
      await closeServer(agg.app);
      await Promise.all(upstreams.map((u) => u.close()));
      store.close();
    },
  };
  agg.app = buildAggregatorApp({
    service,
    baseUrl: (req) => agg.baseUrl ?? hostUrl(req),
    auth: options.auth ?? 'none',
    bodyLimit: config.bodyLimit,
    timeouts: { ...DEFAULT_TIMEOUTS, ...(options.timeouts ?? {}) },
    standardID: DEFAULT_CONFIG.standardID,
    upSince: formatInstant(clock.now()),
    healthy: () => store.healthy(),
    credentialsFor,
    stats,
  });
  return agg;
}

export async function startAggregator(
  options: AggregatorOptions & { host?: string; port?: number } = {},
): Promise<RunningAggregator> {
  const { host, port, ...rest } = options;
  const agg = createAggregator(rest);
  try {
    const url = await agg.listen({
      ...(host ? { host } : {}),
      ...(port !== undefined ? { port } : {}),
    });
    return Object.assign(agg, { url });
  } catch (err) {
    await agg.close().catch(() => undefined);
    throw err;
  }
}

const sha = (s: string): Buffer => createHash('sha256').update(s).digest();

function hostUrl(req: FastifyRequest): string {
  const host = req.headers.host ?? '';
  return /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host)
    ? `http://${host}`
    : 'http://localhost';
}

export {
  AggregatorConfigError,
  NoUpstreamError,
  resolveAggregatorConfig,
  loadAggregatorConfigFile,
  DEFAULT_AGGREGATOR,
  upstreamOf,
  type AggregatorConfig,
  type UpstreamConfig,
  type Credentials,
  type DataMap,
} from './config.js';
export { executableKindsOf } from './capabilities.js';
export { dataKeysOf, dataMatch } from './routing.js';
export { viaEntries } from './service.js';
export { FED } from './messages.js';
