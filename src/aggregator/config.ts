/** Settings of the reference aggregator: lower brokers, their credentials and data, and the gateway's identity map. */
import { bodyLimitProblem } from '../broker/body-limit.js';
import { readConfigYaml } from '../broker/config.js';
import { isObject as isObj, printable, type JsonRecord as Obj } from '../util/index.js';
import { isHeaderName } from '../client/credentials.js';
import { nearest } from '../validate/suggest.js';

/** Credentials sent to one lower broker: a bearer token, `user:password` for Basic, or raw headers. */
export interface Credentials {
  token?: string;
  user?: string;
  headers?: Record<string, string>;
}

/** Where data sits: a request naming any of these is routed to the broker that declares it (EB-FED-14). */
export interface DataMap {
  /** Prefixes of data URLs (simple `location`, S3 `endpoint`, SKAO replica `dataurl`). */
  urlPrefixes: string[];
  rucioScopes: string[];
  /** SKAO storage elements (`replicas[].rsename`). */
  storageElements: string[];
  /** Prefixes of IVOA identifiers. */
  ivoids: string[];
}

export interface UpstreamConfig extends Credentials {
  /** Short name used in messages (default: the URL's host:port); never a credential. */
  name: string;
  /** Base URL of the lower broker, without credentials. */
  url: string;
  data?: DataMap;
  /** Executable kinds the broker runs, when its VOSI capabilities do not say. */
  executableKinds?: string[];
  /**
   * Other origins the broker names itself by (its public URL behind a proxy, `localhost` for `127.0.0.1`): offer
   * and session URLs there are accepted and followed as its own. Any other origin is refused (no request forgery).
   */
  origins?: string[];
}

/** A gateway identity: an incoming bearer token and the credentials it becomes at each lower broker (EB-FED-11). */
export interface IdentityConfig {
  token: string;
  brokers: Record<string, Credentials>;
}

export interface AggregatorConfig {
  /** Identifier put in Via (EB-FED-08); default: one generated and kept in the database. */
  id?: string;
  brokers: UpstreamConfig[];
  /** Offers kept per lower broker (EB-FED-02). */
  best: number;
  /** Seconds a lower broker has to answer (EB-FED-15). */
  upstreamTimeout: number;
  /** Seconds the executable kinds read from a broker's VOSI capabilities are trusted. */
  capabilityTtl: number;
  identities: IdentityConfig[];
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
}

export const DEFAULT_AGGREGATOR: Readonly<Omit<AggregatorConfig, 'brokers' | 'identities'>> = Object.freeze({
  best: 3,
  upstreamTimeout: 10,
  capabilityTtl: 300,
  bodyLimit: 1024 * 1024,
});

/** A config problem, phrased for the person who wrote the file (never quoting a credential). */
export class AggregatorConfigError extends Error {}

/** The keys of an aggregator config (a YAML file, or `config` of createAggregator). */
export const AGGREGATOR_CONFIG_KEYS: ReadonlySet<string> = new Set([
  'id',
  'brokers',
  'best',
  'upstreamTimeout',
  'capabilityTtl',
  'identities',
  'bodyLimit',
]);

/** Thrown when an aggregator would have no lower broker to ask. */
export class NoUpstreamError extends AggregatorConfigError {
  readonly code = 'EBK_NO_UPSTREAM';
}

function strings(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new AggregatorConfigError(`${where} must be a list of strings`);
  return [...v];
}

function credentials(v: Obj, where: string): Credentials {
  const out: Credentials = {};
  if (v.token !== undefined) {
    if (typeof v.token !== 'string' || v.token === '')
      throw new AggregatorConfigError(`${where}.token must be a non-empty string`);
    out.token = v.token;
  }
  if (v.user !== undefined) {
    if (typeof v.user !== 'string' || !v.user.includes(':'))
      throw new AggregatorConfigError(`${where}.user must be "name:password"`);
    out.user = v.user;
  }
  if (v.headers !== undefined) {
    if (!isObj(v.headers) || !Object.values(v.headers).every((x) => typeof x === 'string')) {
      throw new AggregatorConfigError(`${where}.headers must map header names to strings`);
    }
    for (const [name, value] of Object.entries(v.headers as Record<string, string>)) {
      // Sent as given on every request below: a name that is no token, or a line break, would break the request
      // (or smuggle a header into it). The value is never quoted: it is usually the credential.
      if (!isHeaderName(name))
        throw new AggregatorConfigError(
          `${where}.headers: "${printable(name)}" is not a header name (letters, digits and !#$%&'*+-.^_\`|~ only)`,
        );
      // What HTTP lets a field value hold (RFC 9110 §5.5): tab, visible ASCII, space, obs-text; node refuses the rest.
      if (/[^\t\x20-\x7e\x80-\xff]/.test(value))
        throw new AggregatorConfigError(
          `${where}.headers.${name} holds a control character or one beyond U+00FF (its value is not shown: it may be a secret)`,
        );
    }
    out.headers = { ...(v.headers as Record<string, string>) };
  }
  return out;
}

/** What a broker's name (in messages, never a credential) may be made of. */
export const BROKER_NAME = /^[\w.:-]{1,64}$/;

/** One lower broker from a URL string or a mapping; credentials in the URL's userinfo move to `user`. */
export function upstreamOf(v: unknown, where: string): UpstreamConfig {
  const entry: Obj = typeof v === 'string' ? { url: v } : isObj(v) ? v : {};
  const known = new Set(['url', 'name', 'token', 'user', 'headers', 'data', 'executableKinds', 'origins']);
  for (const k of Object.keys(entry))
    if (!known.has(k))
      throw new AggregatorConfigError(`${where}: unknown key "${k}" (known: ${[...known].join(', ')})`);
  if (typeof entry.url !== 'string') throw new AggregatorConfigError(`${where}: a broker needs a url`);
  let url: URL;
  try {
    url = new URL(entry.url);
  } catch {
    throw new AggregatorConfigError(`${where}: the url is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AggregatorConfigError(`${where}: the url must be http or https`);
  const out: UpstreamConfig = { ...credentials(entry, where), name: '', url: '' };
  if (url.username || url.password) {
    out.user ??= `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    url.username = '';
    url.password = '';
  }
  out.url = url.href.replace(/\/+$/, '');
  if (entry.name !== undefined && (typeof entry.name !== 'string' || !BROKER_NAME.test(entry.name))) {
    throw new AggregatorConfigError(`${where}.name must be 1-64 letters, digits or . _ : -`);
  }
  out.name = typeof entry.name === 'string' ? entry.name : url.host;
  if (entry.data !== undefined) {
    if (!isObj(entry.data)) throw new AggregatorConfigError(`${where}.data must be a mapping`);
    const d = entry.data;
    const keys = ['urlPrefixes', 'rucioScopes', 'storageElements', 'ivoids'];
    for (const k of Object.keys(d))
      if (!keys.includes(k))
        throw new AggregatorConfigError(`${where}.data: unknown key "${k}" (known: ${keys.join(', ')})`);
    out.data = {
      urlPrefixes: strings(d.urlPrefixes, `${where}.data.urlPrefixes`),
      rucioScopes: strings(d.rucioScopes, `${where}.data.rucioScopes`),
      storageElements: strings(d.storageElements, `${where}.data.storageElements`),
      ivoids: strings(d.ivoids, `${where}.data.ivoids`),
    };
  }
  if (entry.executableKinds !== undefined)
    out.executableKinds = strings(entry.executableKinds, `${where}.executableKinds`);
  if (entry.origins !== undefined)
    out.origins = strings(entry.origins, `${where}.origins`).map((o, i) => originAt(o, `${where}.origins[${i}]`));
  if (url.protocol === 'https:' && out.origins?.some((o) => o.startsWith('http:')))
    throw new AggregatorConfigError(
      `${where}.origins: the broker is reached over https, so its other origins must be https too (its credentials go there)`,
    );
  return out;
}

/** The origin of an http(s) URL (`https://host:port`), or a config error naming where it was written. */
function originAt(text: string, where: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AggregatorConfigError(`${where}: not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AggregatorConfigError(`${where}: must be http or https`);
  if (url.username || url.password) throw new AggregatorConfigError(`${where}: an origin holds no credentials`);
  return url.origin;
}

function positive(v: unknown, key: string, integer: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new AggregatorConfigError(
      `${key} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

function bodyLimit(v: unknown): number {
  const bytes = positive(v, 'bodyLimit', true);
  const problem = bodyLimitProblem(bytes);
  if (problem) throw new AggregatorConfigError(`bodyLimit ${problem}`);
  return bytes;
}

/** Checks a config value (from YAML or code) over the defaults; throws AggregatorConfigError naming the key. */
export function resolveAggregatorConfig(input: unknown): AggregatorConfig {
  const v: Obj =
    input === undefined || input === null
      ? {}
      : isObj(input)
        ? input
        : (() => {
            throw new AggregatorConfigError('the aggregator config must be a mapping');
          })();
  for (const k of Object.keys(v)) if (!AGGREGATOR_CONFIG_KEYS.has(k)) throw new AggregatorConfigError(unknownKey(k));
  if (v.brokers !== undefined && !Array.isArray(v.brokers))
    throw new AggregatorConfigError('brokers must be a list of URLs or mappings');
  const brokers = ((v.brokers as unknown[] | undefined) ?? []).map((b, i) => upstreamOf(b, `brokers[${i}]`));
  const names = new Set<string>();
  for (const b of brokers) {
    if (names.has(b.name))
      throw new AggregatorConfigError(`two brokers are named "${b.name}"; give each a distinct name`);
    names.add(b.name);
  }
  if (v.identities !== undefined && !Array.isArray(v.identities))
    throw new AggregatorConfigError('identities must be a list');
  const identities = ((v.identities as unknown[] | undefined) ?? []).map((x, i): IdentityConfig => {
    const where = `identities[${i}]`;
    if (!isObj(x) || typeof x.token !== 'string' || x.token === '' || !isObj(x.brokers)) {
      throw new AggregatorConfigError(`${where} needs a token and a brokers mapping of broker name to credentials`);
    }
    const map: Record<string, Credentials> = {};
    for (const [name, c] of Object.entries(x.brokers)) {
      if (!names.has(name)) throw new AggregatorConfigError(`${where}.brokers names an unknown broker "${name}"`);
      if (!isObj(c)) throw new AggregatorConfigError(`${where}.brokers.${name} must be a mapping`);
      map[name] = credentials(c, `${where}.brokers.${name}`);
    }
    return { token: x.token, brokers: map };
  });
  if (v.id !== undefined && (typeof v.id !== 'string' || !/^[\w.:-]{1,100}$/.test(v.id))) {
    throw new AggregatorConfigError('id must be 1-100 letters, digits or . _ : - (it goes into the Via header)');
  }
  const out: AggregatorConfig = {
    brokers,
    identities,
    best: v.best === undefined ? DEFAULT_AGGREGATOR.best : positive(v.best, 'best', true),
    upstreamTimeout:
      v.upstreamTimeout === undefined
        ? DEFAULT_AGGREGATOR.upstreamTimeout
        : positive(v.upstreamTimeout, 'upstreamTimeout', false),
    capabilityTtl:
      v.capabilityTtl === undefined
        ? DEFAULT_AGGREGATOR.capabilityTtl
        : positive(v.capabilityTtl, 'capabilityTtl', false),
    bodyLimit: v.bodyLimit === undefined ? DEFAULT_AGGREGATOR.bodyLimit : bodyLimit(v.bodyLimit),
  };
  if (typeof v.id === 'string') out.id = v.id;
  return out;
}

/** Reads a YAML config file (no aliases); errors name the file and the key. */
export function loadAggregatorConfigFile(path: string): AggregatorConfig {
  const read = readConfigYaml(path);
  if (!read.ok) throw new AggregatorConfigError(read.reason);
  try {
    return resolveAggregatorConfig(read.value);
  } catch (err) {
    throw new AggregatorConfigError(`${path}: ${(err as Error).message}`);
  }
}

/** Every secret the config holds, for the redactor (EB-FED-12). */
export function secretsOf(config: AggregatorConfig): string[] {
  const out: string[] = [];
  const add = (c: Credentials): void => {
    if (c.token) out.push(c.token);
    if (c.user) out.push(c.user, c.user.slice(c.user.indexOf(':') + 1), Buffer.from(c.user).toString('base64'));
    for (const v of Object.values(c.headers ?? {})) out.push(v);
  };
  for (const b of config.brokers) add(b);
  for (const i of config.identities) {
    out.push(i.token);
    for (const c of Object.values(i.brokers)) add(c);
  }
  return out.filter((s) => s.length >= 4);
}

/** An unknown key of the aggregator config, with the key meant: the library's name (upstreams) or the nearest. */
function unknownKey(key: string): string {
  const near = key === 'upstreams' ? undefined : nearest(key, AGGREGATOR_CONFIG_KEYS);
  const hint =
    key === 'upstreams' ? ' (the list of lower brokers is brokers:)' : near ? ` (did you mean "${near}"?)` : '';
  return `unknown config key "${printable(key)}"${hint} (known: ${[...AGGREGATOR_CONFIG_KEYS].join(', ')})`;
}
