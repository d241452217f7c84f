import { bodyLimitProblem } from './body-limit.js';
import { overLimit, readFailure, readFileBounded } from '../util/fs.js';
import { DEFAULT_MAX_BYTES, parse } from '../parse/index.js';
import { parseDuration } from './time.js';
import { errorMessage, printable } from '../util/index.js';
import { KINDS_BY_TYPE } from '../model/index.js';
import { nearest } from '../validate/suggest.js';

/** The simulated execution platform the planner books against, and the service's own settings. */
export interface BrokerConfig {
  /** Total cores, memory (GiB) and storage (GiB) of the platform. */
  cores: number;
  memory: number;
  storage: number;
  /** Executable kind URIs the platform can run; anything else is answered NO (EB-KIND-02). */
  executableKinds: string[];
  /** URL prefixes data may come from; a data location outside them is answered NO. */
  dataLocations: string[];
  /** Offered starts are multiples of this many seconds. */
  slotSeconds: number;
  /** How far after the earliest possible start the planner looks for a free slot (ISO 8601 duration). */
  lookAhead: string;
  /** Seconds an offer stays OFFERED before it EXPIRES. */
  offerLifetime: number;
  /** Most offers in one offer set. */
  maxOffers: number;
  /** Simulated durations (ISO 8601). */
  prepare: string;
  release: string;
  /** How long a session shows ACCEPTED before WAITING, and AVAILABLE before RUNNING. */
  acceptedHold: string;
  startup: string;
  /** Run length when the request names none, and the longest run the platform grants. */
  defaultDuration: string;
  maxDuration: string;
  /** A session whose executable is named `faultName` FAILS when it would enter `faultPhase`. */
  faultName: string;
  faultPhase: 'WAITING' | 'PREPARING' | 'AVAILABLE' | 'RUNNING' | 'RELEASING';
  /** standardID of the ExecutionBroker capability in /capabilities (no registry record exists yet). */
  standardID: string;
  /** Largest request body accepted, in bytes (413 above). */
  bodyLimit: number;
  /** Access-Control-Allow-Origin sent to browser clients (an origin, or `*`); `none` sends no CORS headers. */
  corsOrigin: string;
  /** Accelerators one offer may have (EB-OFF-22); none by default, so a request for one is answered NO. */
  accelerators: AcceleratorSpec[];
  /** Costs quoted on every offer (none by default). */
  costs: CostSpec[];
  /** Metrics quoted on every offer (none by default). */
  metrics: MetricSpec[];
}

/**
 * A cost the platform quotes (SimpleMinMaxFloatCost, min = max): `fixed` plus `perCoreHour` × offered cores × offered
 * hours, so a longer or wider offer costs more. `type` is the cost's meaning, e.g. urn:ivoa:calycopis:cost:monetary.
 */
export interface CostSpec {
  type: string;
  fixed: number;
  perCoreHour: number;
  description?: string;
}

/** A cost as a config gives it: `fixed`, `perCoreHour` or both (the one left out is 0). */
export interface CostSpecInput {
  type: string;
  fixed?: number;
  perCoreHour?: number;
  description?: string;
}

/** A performance figure the platform quotes on every offer (SimpleMinMaxFloatMetric). */
export interface MetricSpec {
  type: string;
  min: number;
  max: number;
  description?: string;
}

/** A metric as a config gives it: one `value`, or `min` and `max`. */
export type MetricSpecInput =
  | { type: string; value: number; description?: string }
  | { type: string; min: number; max: number; description?: string };

/**
 * A broker config as code or a YAML file gives it: any key may be left out (the default stays), and costs and
 * metrics take the short forms the file does. `resolveConfig` checks it and fills in the rest.
 */
export type BrokerConfigInput = Partial<Omit<BrokerConfig, 'costs' | 'metrics'>> & {
  costs?: CostSpecInput[];
  metrics?: MetricSpecInput[];
};

const URI_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

function quoteType(e: Record<string, unknown>, where: string): { type: string; description?: string } {
  if (typeof e.type !== 'string' || !URI_LIKE.test(e.type))
    throw new ConfigError(`${where}.type must be a URI such as urn:ivoa:calycopis:cost:monetary`);
  if (e.description !== undefined && typeof e.description !== 'string')
    throw new ConfigError(`${where}.description must be a string`);
  return { type: e.type, ...(typeof e.description === 'string' ? { description: e.description } : {}) };
}

const nonNegative = (v: unknown, where: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new ConfigError(`${where} must be a number ≥ 0, got ${JSON.stringify(v)}`);
  return v;
};

function entriesOf(v: unknown, key: string, known: readonly string[]): Record<string, unknown>[] {
  if (!Array.isArray(v)) throw new ConfigError(`config key "${key}" must be a list`);
  return v.map((e: unknown, i) => {
    const where = `${key}[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new ConfigError(`${where} must be a mapping`);
    for (const k of Object.keys(e))
      if (!known.includes(k)) throw new ConfigError(`${where}: unknown key "${k}" (known: ${known.join(', ')})`);
    return e as Record<string, unknown>;
  });
}

function costsOf(v: unknown): CostSpec[] {
  return entriesOf(v, 'costs', ['type', 'fixed', 'perCoreHour', 'description']).map((e, i) => {
    const where = `costs[${i}]`;
    if (e.fixed === undefined && e.perCoreHour === undefined)
      throw new ConfigError(`${where} needs fixed, perCoreHour or both`);
    return {
      ...quoteType(e, where),
      fixed: e.fixed === undefined ? 0 : nonNegative(e.fixed, `${where}.fixed`),
      perCoreHour: e.perCoreHour === undefined ? 0 : nonNegative(e.perCoreHour, `${where}.perCoreHour`),
    };
  });
}

function metricsOf(v: unknown): MetricSpec[] {
  return entriesOf(v, 'metrics', ['type', 'min', 'max', 'value', 'description']).map((e, i) => {
    const where = `metrics[${i}]`;
    if (e.value !== undefined && (e.min !== undefined || e.max !== undefined))
      throw new ConfigError(`${where}: give value, or min and max, not both`);
    const value = e.value === undefined ? undefined : nonNegative(e.value, `${where}.value`);
    const min = e.min === undefined ? value : nonNegative(e.min, `${where}.min`);
    const max = e.max === undefined ? value : nonNegative(e.max, `${where}.max`);
    if (min === undefined || max === undefined) throw new ConfigError(`${where} needs value, or min and max`);
    if (min > max) throw new ConfigError(`${where}: min ${min} is greater than max ${max}`);
    return { ...quoteType(e, where), min, max };
  });
}

/** One kind of accelerator the platform has: its type, vendor and model, memory per device (GiB) and how many. */
export interface AcceleratorSpec {
  type: 'GPU' | 'FPGA' | 'NPU' | 'OTHER';
  vendor?: string;
  model?: string;
  memory: number;
  count: number;
}

const ACCELERATOR_TYPES = ['GPU', 'FPGA', 'NPU', 'OTHER'] as const;

/** Checks the `accelerators` list of a config file; throws ConfigError naming the entry. */
function acceleratorsOf(v: unknown): AcceleratorSpec[] {
  if (!Array.isArray(v))
    throw new ConfigError('config key "accelerators" must be a list of {type, vendor, model, memory, count}');
  return v.map((a, i) => {
    const at = `config key "accelerators" entry ${i + 1}`;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new ConfigError(`${at} must be a mapping`);
    const e = a as Record<string, unknown>;
    const unknown = Object.keys(e).filter((k) => !['type', 'vendor', 'model', 'memory', 'count'].includes(k));
    if (unknown.length > 0) throw new ConfigError(`${at} has the unknown key "${unknown[0]}"`);
    if (!(ACCELERATOR_TYPES as readonly unknown[]).includes(e.type))
      throw new ConfigError(`${at}: type must be one of ${ACCELERATOR_TYPES.join(', ')}`);
    for (const k of ['memory', 'count'] as const) {
      if (typeof e[k] !== 'number' || !Number.isInteger(e[k]) || e[k] < 0)
        throw new ConfigError(`${at}: ${k} must be a non-negative integer`);
    }
    for (const k of ['vendor', 'model'] as const) {
      if (e[k] !== undefined && (typeof e[k] !== 'string' || e[k] === ''))
        throw new ConfigError(`${at}: ${k} must be a non-empty string`);
    }
    return {
      type: e.type as AcceleratorSpec['type'],
      memory: e.memory as number,
      count: e.count as number,
      ...(e.vendor ? { vendor: e.vendor as string } : {}),
      ...(e.model ? { model: e.model as string } : {}),
    };
  });
}

export const DEFAULT_CONFIG: Readonly<BrokerConfig> = Object.freeze({
  cores: 32,
  memory: 64,
  storage: 1000,
  executableKinds: [...KINDS_BY_TYPE.AbstractExecutable],
  dataLocations: ['https://', 'http://', 's3://', 'file:'],
  // A simulator's timings: the whole lifecycle, expiry included, is seen within a minute, so the README's CI
  // recipe (`ebkit serve`, then `ebkit conformance` with its default --deadline) judges every check. Realistic
  // timings are a --config away (broker.example.yaml).
  slotSeconds: 10,
  lookAhead: 'PT24H',
  offerLifetime: 30,
  maxOffers: 3,
  prepare: 'PT5S',
  release: 'PT2S',
  acceptedHold: 'PT1S',
  startup: 'PT1S',
  defaultDuration: 'PT1H',
  maxDuration: 'PT24H',
  faultName: 'ebkit-simulated-fault',
  faultPhase: 'PREPARING',
  standardID: 'ivo://ivoa.net/std/ExecutionBroker',
  bodyLimit: 1024 * 1024,
  corsOrigin: '*',
  accelerators: [],
  costs: [],
  metrics: [],
});

const NUMBER_KEYS = ['cores', 'memory', 'storage', 'slotSeconds', 'offerLifetime', 'maxOffers', 'bodyLimit'] as const;
const DURATION_KEYS = [
  'lookAhead',
  'prepare',
  'release',
  'acceptedHold',
  'startup',
  'defaultDuration',
  'maxDuration',
] as const;
const STRING_KEYS = ['faultName', 'standardID', 'corsOrigin'] as const;
const LIST_KEYS = ['executableKinds', 'dataLocations'] as const;
const FAULT_PHASES = ['WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING'] as const;

/**
 * What Access-Control-Allow-Origin may carry (Fetch standard): "*", "null" or one serialized origin; or "none" (no
 * CORS headers). It is sent as given on every answer to a browser; anything else (a path, a list, a line break)
 * made every such answer a 500.
 */
function isCorsOrigin(v: string): boolean {
  if (v === '*' || v === 'null' || v === 'none') return true;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === v;
  } catch {
    return false;
  }
}

/** A config problem, phrased for the person who wrote the file. */
export class ConfigError extends Error {}

/**
 * Merges a partial config over the defaults, checking every field; throws ConfigError naming the key.
 * Unknown keys are refused so a typo does not silently fall back to a default.
 */
export function resolveConfig(partial: unknown): BrokerConfig {
  if (partial === undefined || partial === null) {
    return {
      ...DEFAULT_CONFIG,
      executableKinds: [...DEFAULT_CONFIG.executableKinds],
      dataLocations: [...DEFAULT_CONFIG.dataLocations],
      accelerators: [],
      costs: [],
      metrics: [],
    };
  }
  if (typeof partial !== 'object' || Array.isArray(partial))
    throw new ConfigError('the broker config must be a mapping of keys to values');
  const input = partial as Record<string, unknown>;
  const out: BrokerConfig = resolveConfig(undefined);
  const known = new Set<string>([
    ...NUMBER_KEYS,
    ...DURATION_KEYS,
    ...STRING_KEYS,
    ...LIST_KEYS,
    'faultPhase',
    'accelerators',
    'costs',
    'metrics',
  ]);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      const hint = nearest(key, known);
      throw new ConfigError(
        `unknown config key "${printable(key)}"${hint ? ` (did you mean "${hint}"?)` : ''} (known: ${[...known].join(', ')})`,
      );
    }
  }
  for (const key of NUMBER_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || (key !== 'storage' && v === 0)) {
      throw new ConfigError(
        `config key "${key}" must be a ${key === 'storage' ? 'non-negative' : 'positive'} integer, got ${JSON.stringify(v)}`,
      );
    }
    const limit = key === 'bodyLimit' ? bodyLimitProblem(v) : undefined;
    if (limit) throw new ConfigError(`config key "bodyLimit" ${limit}`);
    out[key] = v;
  }
  for (const key of DURATION_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || parseDuration(v) === undefined) {
      throw new ConfigError(`config key "${key}" must be an ISO 8601 duration such as PT5M, got ${JSON.stringify(v)}`);
    }
    out[key] = v;
  }
  for (const key of STRING_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') throw new ConfigError(`config key "${key}" must be a non-empty string`);
    if (key === 'corsOrigin' && !isCorsOrigin(v))
      throw new ConfigError(
        `config key "corsOrigin" must be "*", "none", "null" or one origin such as https://portal.example.org, got "${printable(v)}"`,
      );
    out[key] = v;
  }
  for (const key of LIST_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
      throw new ConfigError(`config key "${key}" must be a list of strings`);
    out[key] = [...v];
  }
  if (input.accelerators !== undefined) out.accelerators = acceleratorsOf(input.accelerators);
  if (input.costs !== undefined) out.costs = costsOf(input.costs);
  if (input.metrics !== undefined) out.metrics = metricsOf(input.metrics);
  if (input.faultPhase !== undefined) {
    if (!(FAULT_PHASES as readonly unknown[]).includes(input.faultPhase)) {
      throw new ConfigError(`config key "faultPhase" must be one of ${FAULT_PHASES.join(', ')}`);
    }
    out.faultPhase = input.faultPhase as BrokerConfig['faultPhase'];
  }
  return out;
}

/**
 * The YAML of a config file, parsed with the limits of every input (size, nesting depth, aliases, duplicate
 * keys); an empty file is no setting. The broker's and the aggregator's config both read through here.
 */
export function readConfigYaml(path: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  const read = readFileBounded(path, DEFAULT_MAX_BYTES);
  if (!read.ok)
    return {
      ok: false,
      reason: `cannot read config file ${path}: ${
        read.kind === 'too-large'
          ? `it is ${overLimit(read, DEFAULT_MAX_BYTES)}`
          : read.kind === 'directory'
            ? 'it is a directory'
            : readFailure(read.error)
      }`,
    };
  // Read as YAML, XML is one string, and the config would be refused as "not a mapping": say what it is.
  if (/^\uFEFF?\s*</.test(new TextDecoder().decode(read.bytes.subarray(0, 256))))
    return { ok: false, reason: `config file ${path} is XML; a config is YAML or JSON (see broker.example.yaml)` };
  const doc = parse(read.bytes, { format: 'yaml', filename: path });
  const problem = doc.findings.find((f) => f.level === 'error' && f.ruleId !== 'EBK_EMPTY');
  if (problem) {
    const at = problem.line !== undefined ? `:${problem.line}:${problem.column ?? 1}` : '';
    return { ok: false, reason: `config file ${path}${at} is not valid YAML: ${problem.message}` };
  }
  return { ok: true, value: doc.value };
}

/** Reads a YAML config file (see broker.example.yaml); throws ConfigError with the file name on any problem. */
export function loadConfigFile(path: string): BrokerConfig {
  const read = readConfigYaml(path);
  if (!read.ok) throw new ConfigError(read.reason);
  const value = read.value;
  try {
    return resolveConfig(value);
  } catch (err) {
    throw new ConfigError(`${path}: ${errorMessage(err)}`);
  }
}

/** Durations of the config in milliseconds, computed once. */
export interface Timings {
  lookAhead: number;
  prepare: number;
  release: number;
  acceptedHold: number;
  startup: number;
  defaultDuration: number;
  maxDuration: number;
  slot: number;
  offerLifetime: number;
}

export function timingsOf(config: BrokerConfig): Timings {
  const d = (s: string): number => parseDuration(s) ?? 0;
  return {
    lookAhead: d(config.lookAhead),
    prepare: d(config.prepare),
    release: d(config.release),
    acceptedHold: d(config.acceptedHold),
    startup: d(config.startup),
    defaultDuration: d(config.defaultDuration),
    maxDuration: d(config.maxDuration),
    slot: config.slotSeconds * 1000,
    offerLifetime: config.offerLifetime * 1000,
  };
}
