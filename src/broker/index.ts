/**
 * The reference ExecutionBroker: `createBroker` builds it (fastify app not yet listening, every part
 * replaceable through `overrides`), `startBroker` also listens on loopback. See README.md in this folder.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { systemClock, type Clock } from './clock.js';
import { resolveConfig, loadConfigFile, timingsOf, type BrokerConfig, type BrokerConfigInput } from './config.js';
import type { BrokerStore } from './store.js';
import { openStore } from './memory-store.js';
import { planOffers, type Planner } from './planner.js';
import { TRANSITIONS, optionsFor, type Transition } from './lifecycle/transitions.js';
import { acceptedTimeline, type TimelineFn } from './lifecycle/engine.js';
import { BrokerService, type OptionsFn } from './service.js';
import { defaultStages, type Stages } from './stages.js';
import { buildErrorDocument, type ErrorDocumentBuilder } from './errors.js';
import { availabilityXml, capabilitiesXml, type VosiDocument } from './vosi.js';
import { buildApp, DEFAULT_TIMEOUTS, type ServerTimeouts } from './http/app.js';
import { closeServer } from './http/close.js';
import { formatInstant } from './time.js';

/** Replaceable parts, so a deliberately broken broker ("mutant") is a few lines. */
export interface BrokerOverrides {
  planner?: Planner;
  transitions?: readonly Transition[];
  options?: OptionsFn;
  timeline?: TimelineFn;
  /** Any stage: parse, validate, serialize, negotiateResponseFormat, formatFromContentType, mediaTypes. */
  stages?: Partial<Stages>;
  errorDocument?: ErrorDocumentBuilder;
  capabilities?: VosiDocument;
  availability?: VosiDocument;
  /** Offer lifetime in seconds (shortcut for config.offerLifetime). */
  offerLifetime?: number;
}

export interface BrokerOptions {
  /** SQLite file, or ':memory:' (the library default; kept in Maps when better-sqlite3 is not installed). */
  db?: string;
  /** Backend for ':memory:': SQLite (default, when installed) or the Map-based store. */
  storage?: 'sqlite' | 'memory';
  /** Platform and service settings over the defaults; or a YAML file (`configFile`). */
  config?: BrokerConfigInput;
  configFile?: string;
  clock?: Clock;
  /** Absolute base URL clients reach the broker at; default: the listening address. */
  publicUrl?: string;
  auth?: 'none' | 'bearer';
  /** Period of the background sweep in ms (0: none; reads still advance sessions). Default 1000 on the system clock, else 0. */
  tickMs?: number;
  overrides?: BrokerOverrides;
  /** Connection timeouts in ms (defaults: request 30 s, headers 10 s, keep-alive 5 s, checked every 1 s). */
  timeouts?: Partial<ServerTimeouts>;
}

export interface Broker {
  app: FastifyInstance;
  service: BrokerService;
  store: BrokerStore;
  clock: Clock;
  config: BrokerConfig;
  /** Counts answers the global error handler produced; tests assert it stays 0 for client input. */
  stats: { internalErrors: number; lastInternalError?: unknown };
  /** Base URL used in Location, meta.url and VOSI; set when listening unless `publicUrl` was given. */
  baseUrl: string | undefined;
  /** Advances every session whose change is due (the timer calls this). */
  tick(): number;
  /** Listens (default 127.0.0.1, a free port) and returns the URL. */
  listen(opts?: { host?: string; port?: number }): Promise<string>;
  close(): Promise<void>;
}

export interface RunningBroker extends Broker {
  url: string;
}

/** Most sessions one background sweep chunk advances before the event loop is let go. */
const TIMER_CHUNK = 200;

/** Builds a broker without listening (fastify `inject` works, or call `listen`). */
export function createBroker(options: BrokerOptions = {}): Broker {
  const o = options.overrides ?? {};
  const base = options.configFile
    ? { ...loadConfigFile(options.configFile), ...(options.config ?? {}) }
    : options.config;
  const config = resolveConfig(o.offerLifetime !== undefined ? { ...base, offerLifetime: o.offerLifetime } : base);
  const clock = options.clock ?? systemClock;
  const store = openStore(options.db ?? ':memory:', options.storage);
  const stages: Stages = { ...defaultStages, ...(o.stages ?? {}) };
  const service = new BrokerService({
    store,
    clock,
    config,
    timings: timingsOf(config),
    planner: o.planner ?? planOffers,
    transitions: o.transitions ?? TRANSITIONS,
    timeline: o.timeline ?? acceptedTimeline,
    options: o.options ?? optionsFor,
  });
  const stats = { internalErrors: 0 } as Broker['stats'];
  let timer: NodeJS.Timeout | undefined;
  let pending: NodeJS.Immediate | undefined;
  const broker: Broker = {
    app: undefined as unknown as FastifyInstance,
    service,
    store,
    clock,
    config,
    stats,
    baseUrl: options.publicUrl?.replace(/\/+$/, ''),
    // One transaction for the whole sweep: per-row autocommits cost a WAL commit each on a file database.
    tick: () => store.atomically(() => service.sweep()),
    async listen(opts = {}) {
      const address = await broker.app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
      const addr = broker.app.server.address();
      const url =
        typeof addr === 'object' && addr
          ? `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`
          : address;
      broker.baseUrl ??= url;
      const tickMs = options.tickMs ?? (clock === systemClock ? 1000 : 0);
      if (tickMs > 0) {
        // A backlog (thousands of offers expiring each second under load) is swept in chunks, each one
        // transaction, with the event loop free between them: one long sweep held every queued request.
        const chunk = (): void => {
          pending = undefined;
          let changed: number;
          try {
            changed = store.atomically(() => service.sweep(undefined, TIMER_CHUNK));
          } catch {
            return; // the store is closing; the next read advances lazily anyway
          }
          if (changed >= TIMER_CHUNK && timer) pending = setImmediate(chunk).unref();
        };
        timer = setInterval(() => {
          if (!pending) chunk();
        }, tickMs);
        timer.unref();
      }
      return url;
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (pending) clearImmediate(pending);
      await closeServer(broker.app);
      store.close();
    },
  };
  broker.app = buildApp({
    service,
    stages,
    errorDocument: o.errorDocument ?? buildErrorDocument,
    capabilities: o.capabilities ?? capabilitiesXml,
    availability: o.availability ?? availabilityXml,
    standardID: config.standardID,
    bodyLimit: config.bodyLimit,
    baseUrl: (req) => broker.baseUrl ?? hostUrl(req),
    auth: options.auth ?? 'none',
    upSince: formatInstant(clock.now()),
    executableKinds: () => config.executableKinds,
    healthy: () => store.healthy(),
    stats,
    timeouts: { ...DEFAULT_TIMEOUTS, ...(options.timeouts ?? {}) },
    corsOrigin: config.corsOrigin === 'none' ? undefined : config.corsOrigin,
  });
  return broker;
}

/** Creates a broker and listens on loopback (a free port unless given). */
export async function startBroker(
  options: BrokerOptions & { host?: string; port?: number } = {},
): Promise<RunningBroker> {
  const broker = createBroker(options);
  try {
    const url = await broker.listen({
      ...(options.host ? { host: options.host } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    return Object.assign(broker, { url });
  } catch (err) {
    await broker.close().catch(() => undefined);
    throw err;
  }
}

/** Base URL from the Host header, only when it is a plain host[:port] (never echo arbitrary header text). */
function hostUrl(req: FastifyRequest): string {
  const host = req.headers.host ?? '';
  return /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host)
    ? `http://${host}`
    : 'http://localhost';
}

export { ManualClock, systemClock, type Clock } from './clock.js';
export {
  DEFAULT_CONFIG,
  ConfigError,
  resolveConfig,
  loadConfigFile,
  type BrokerConfig,
  type BrokerConfigInput,
  type CostSpecInput,
  type MetricSpecInput,
} from './config.js';
export { TRANSITIONS, optionsFor, checkTransition, type Transition } from './lifecycle/transitions.js';
export { SESSION_PHASES, type SessionPhase } from '../model/index.js';
export { acceptedTimeline, type TimelineFn, type Step } from './lifecycle/engine.js';
export { planOffers, type Planner, type PlanInput, type PlanResult, type PlannedOffer } from './planner.js';
export { buildErrorDocument, type ErrorDocumentBuilder, type ErrorInit } from './errors.js';
export { capabilitiesXml, availabilityXml, type VosiDocument, type VosiContext } from './vosi.js';
export type { Stages, Format } from './stages.js';
export { DEFAULT_TIMEOUTS, type ServerTimeouts } from './http/app.js';
export type { OptionsFn } from './service.js';
export type { BrokerStore, SessionRow, OfferSetRow, Reservation } from './store.js';
export { SqliteUnavailableError, SQLITE_INSTALL_HINT } from './sqlite-errors.js';
