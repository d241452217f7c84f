/**
 * A second ExecutionBroker 1.0, written from spec/*.md and schema/** only, to judge the conformance suite by a
 * broker none of its code wrote. Bare node:http, in-memory state, phases driven by the clock (each read
 * applies the transitions that are due). It deliberately makes choices the spec allows and the reference
 * broker does not: one offer per request, schedules on components, empty 303 bodies, 415 before 406,
 * text/xml VOSI documents, a body limit of exactly 1 MiB (the floor of EB-ERR-11).
 * `mode: 'working-group'` imitates the upstream Java broker where it is conformant (HTTP Basic on every
 * non-GET, several offers, minute-aligned starts, 300 s offers). `faults` break one requirement each.
 */
import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAULTS, type FaultInfo, type FaultName } from './faults.js';
import { bodyFormat, negotiate, parseBody, sendDoc, type Chosen } from './media.js';
import { parseDuration, parseStarts, validateRequest, validateUpdate, type Finding, type Window } from './validate.js';

/** Seconds each stage lasts; `offer` is how long an offer stays valid. */
export interface Timings {
  offer: number;
  accepted: number;
  waiting: number;
  preparing: number;
  available: number;
  running: number;
  releasing: number;
}

export interface BrokerOptions {
  mode?: 'independent' | 'working-group';
  /** Offers in a YES answer (when the requested window holds them). */
  offers?: number;
  timings?: Partial<Timings>;
  faults?: readonly FaultName[];
  /** working-group mode: user → password for HTTP Basic. */
  users?: Record<string, string>;
  /** Offered starts are rounded up to a multiple of this many seconds. */
  alignSeconds?: number;
  bodyLimit?: number;
  standardId?: string;
  /** Each component of a session carries a meta.uuid and a meta.url this broker serves (EB-HTTP-17). */
  componentUrls?: boolean;
}

const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/';
const KIND = {
  docker: `${K}executable/docker-container.yaml`,
  notebook: `${K}executable/jupyter-notebook.yaml`,
  compute: `${K}compute/simple-compute-resource.yaml`,
  storage: `${K}storage/simple-storage-resource.yaml`,
  simpleData: `${K}data/simple-data-resource.yaml`,
  s3Data: `${K}data/S3-data-resource.yaml`,
  ivoaData: `${K}data/ivoa-data-resource.yaml`,
  session: `${K}session/simple-execution-session.yaml`,
  cost: `${K}costs/simple-minmax-float-cost.yaml`,
  volume: `${K}volume/simple-volume-mount.yaml`,
};
/** The one address this platform publishes container ports on. */
const PUBLIC_ADDRESS = '192.0.2.40';

const GENERAL: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

type Phase =
  | 'OFFERED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'EXPIRED'
  | 'WAITING'
  | 'PREPARING'
  | 'AVAILABLE'
  | 'RUNNING'
  | 'RELEASING'
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELLED';
const TERMINAL: readonly Phase[] = ['REJECTED', 'EXPIRED', 'COMPLETED', 'FAILED', 'CANCELLED'];
const CANCELLABLE: readonly Phase[] = ['ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const isoDuration = (ms: number): string => `PT${Math.max(0, Math.round(ms / 1000))}S`;
const clone = <T>(v: T): T => structuredClone(v);

interface Message {
  kind: string;
  level: 'INFO' | 'WARN' | 'ERROR';
  message: string;
  time: string;
}

interface Session {
  uuid: string;
  offerSet: string;
  name: string;
  created: number;
  modified: number;
  expires: number;
  phase: Phase;
  withdrawn: boolean;
  /** Planned slot: available from start (within width) for duration. */
  slot: { start: number; width: number; duration: number };
  /** Due phase changes, set at acceptance. */
  timeline: { phase: Phase; at: number }[];
  actual?: { preparing: number; available: number; releasing: number; done: number };
  components: Obj;
  notebook: boolean;
  cores: number;
  memory: number;
  owner: string | undefined;
  messages: Message[];
  /** The uuid each component is told by, when components carry URLs ("executable/0" → uuid). */
  componentIds?: Map<string, string>;
}

interface OfferSet {
  uuid: string;
  created: number;
  result: 'YES' | 'NO';
  offers: string[];
  messages: Message[];
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  base: string;
  path: string;
  out: Chosen | undefined;
  user: string | undefined;
}

class Refusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly headers: Record<string, string> = {},
    readonly details: Finding[] = [],
  ) {}
}

export class IndependentBroker {
  readonly mode: 'independent' | 'working-group';
  readonly timings: Timings;
  private readonly faults: ReadonlySet<FaultName>;
  private readonly offerCount: number;
  private readonly align: number;
  private readonly bodyLimit: number;
  private readonly componentUrls: boolean;
  private readonly standardId: string;
  private readonly users: Record<string, string>;
  private readonly sessions = new Map<string, Session>();
  private readonly offerSets = new Map<string, OfferSet>();
  private readonly upSince = Date.now();
  /** Platform capacity; reservations are held by offers and active sessions (EB-OFF-10). */
  private readonly capacity = { cores: 512, memory: 2048 };

  constructor(options: BrokerOptions = {}) {
    this.mode = options.mode ?? 'independent';
    const wg = this.mode === 'working-group';
    this.timings = {
      offer: wg ? 300 : 10,
      accepted: 2,
      waiting: 3,
      preparing: 5,
      available: 2,
      running: 5,
      releasing: 2,
      ...options.timings,
    };
    this.faults = new Set(options.faults ?? []);
    const needed = Math.max(...[...this.faults].map((f) => (FAULTS[f] as FaultInfo).offers ?? 1), 1);
    this.offerCount = Math.max(options.offers ?? (wg ? 2 : 1), needed);
    this.align = options.alignSeconds ?? (wg ? 60 : 1);
    this.bodyLimit = options.bodyLimit ?? 1024 * 1024; // EB-ERR-11: at least 1 MiB, at most 10 MiB
    this.standardId = options.standardId ?? 'ivo://ivoa.net/std/ExecutionBroker';
    this.users = options.users ?? { 'eb-user': 'eb-password' };
    this.componentUrls = options.componentUrls ?? false;
  }

  private has(f: FaultName): boolean {
    return this.faults.has(f);
  }

  /** Serves one request; `prefix` is the path this broker is mounted under ('' for the root). */
  async handle(req: IncomingMessage, res: ServerResponse, prefix: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const ctx: Ctx = {
      req,
      res,
      base: `http://${req.headers.host ?? '127.0.0.1'}${prefix}`,
      path: url.pathname.slice(prefix.length) || '/',
      out: negotiate(req.headers.accept, this.has('default-json') ? 'json' : 'yaml'),
      user: undefined,
    };
    if (this.has('never-406') && !ctx.out) ctx.out = { format: 'yaml', type: 'application/yaml' };
    try {
      await this.route(ctx);
    } catch (e) {
      if (e instanceof Refusal) this.refuse(ctx, e);
      else
        this.refuse(
          ctx,
          new Refusal(500, 'INTERNAL_ERROR', `The broker failed: ${e instanceof Error ? e.message : String(e)}`),
        );
    }
  }

  private refuse(ctx: Ctx, r: Refusal): void {
    if (ctx.res.headersSent) return void ctx.res.end();
    if (r.status === 401 && this.has('empty-401')) {
      ctx.res.writeHead(401, { ...r.headers, 'Content-Length': 0 });
      return void ctx.res.end();
    }
    const general =
      this.has('wrong-general-code') && (r.status === 404 || r.status === 409)
        ? 'BAD_REQUEST'
        : (GENERAL[r.status] ?? 'INTERNAL_ERROR');
    const doc: Obj = {
      status: r.status,
      error: general,
      code: r.code,
      message: r.message,
      path: ctx.req.url ?? ctx.path,
    };
    if (r.details.length > 0) {
      doc.messages = r.details.map((f) => ({
        kind: `urn:ebkit:finding:${f.requirement}`,
        level: 'ERROR',
        message: f.message,
        values: { pointer: f.pointer },
      }));
    }
    sendDoc(ctx.res, r.status, doc, ctx.out ?? { format: 'yaml', type: 'application/yaml' }, {
      ...r.headers,
      ...this.vary(),
    });
  }

  private vary(): Record<string, string> {
    return this.has('no-vary') ? {} : { Vary: 'Accept' };
  }

  private acceptable(ctx: Ctx): Chosen {
    if (!ctx.out)
      throw new Refusal(
        406,
        'NO_ACCEPTABLE_FORMAT',
        `Nothing this broker writes (YAML, JSON) satisfies Accept: ${ctx.req.headers.accept ?? ''}.`,
      );
    return ctx.out;
  }

  private send(ctx: Ctx, status: number, doc: unknown, headers: Record<string, string> = {}): void {
    let chosen = this.acceptable(ctx);
    if (this.has('json-asked-yaml-sent') && chosen.format === 'json')
      chosen = { format: 'yaml', type: 'application/yaml' };
    if (this.has('mislabelled-yaml') && chosen.format === 'yaml') chosen = { format: 'yaml', type: 'text/plain' };
    sendDoc(ctx.res, status, doc, chosen, { ...headers, ...this.vary() });
  }

  private async route(ctx: Ctx): Promise<void> {
    const { path } = ctx;
    const method = ctx.req.method ?? 'GET';
    const allow = (methods: string[]): void => {
      if (!methods.includes(method))
        throw new Refusal(405, 'METHOD_NOT_ALLOWED', `${path} answers ${methods.join(' and ')}, not ${method}.`, {
          Allow: methods.join(', '),
        });
    };
    if (path === '/availability' || path === '/capabilities') {
      if (!(this.has('vosi-accepts-put') && (method === 'PUT' || method === 'DELETE'))) allow(['GET']);
      return this.vosi(ctx, path === '/availability');
    }
    if (method !== 'GET') this.authenticate(ctx);
    if (path === '/requests') {
      allow(['POST']);
      return this.submit(ctx, false);
    }
    if (path === '/direct') {
      allow(['POST']);
      return this.submit(ctx, true);
    }
    const part = this.componentUrls ? /^\/sessions\/([^/]+)\/components\/([a-z]+)\/(\d+)$/.exec(path) : null;
    if (part) {
      allow(['GET']);
      const s = this.sessions.get(part[1] ?? '');
      const doc = s ? this.sessionDoc(s, ctx.base) : undefined;
      const value = doc?.[part[2] ?? ''];
      const component = Array.isArray(value) ? value[Number(part[3])] : Number(part[3]) === 0 ? value : undefined;
      if (!isObj(component)) throw new Refusal(404, 'UNKNOWN_PATH', `${path} names no component of a session here.`);
      return this.send(ctx, 200, component);
    }
    const m = /^\/(offersets|sessions)\/([^/]+)$/.exec(
      this.has('offer-url-trailing-slash') ? path.replace(/\/$/, '') : path,
    );
    if (m?.[1] === 'offersets') {
      allow(['GET']);
      const set = this.offerSets.get(m[2] ?? '');
      if (!set) throw new Refusal(404, 'UNKNOWN_OFFERSET', `No offer set ${m[2]} is known here.`);
      return this.send(ctx, 200, this.offerSetDoc(set, ctx.base));
    }
    if (m?.[1] === 'sessions') {
      if (this.has('session-delete-200') && method === 'DELETE') {
        const s = this.sessions.get(m[2] ?? '');
        if (s) return this.send(ctx, 200, this.sessionDoc(s, ctx.base));
      }
      allow(['GET', 'POST']);
      const s = this.sessions.get(m[2] ?? '');
      if (!s)
        throw new Refusal(
          404,
          this.has('unknown-session-wrong-code') ? 'UNKNOWN_PATH' : 'UNKNOWN_SESSION',
          `No session ${m[2]} is known here.`,
        );
      if (method === 'POST') return this.update(ctx, s);
      this.advance(s);
      return this.send(ctx, 200, this.sessionDoc(s, ctx.base));
    }
    throw new Refusal(404, 'UNKNOWN_PATH', `${path} is not a path of this broker.`);
  }

  /** working-group mode: HTTP Basic on every non-GET (the upstream broker's Spring Security setup). */
  private authenticate(ctx: Ctx): void {
    if (this.mode !== 'working-group') return;
    const header = ctx.req.headers.authorization ?? '';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    const [user, ...rest] = m
      ? Buffer.from(m[1] ?? '', 'base64')
          .toString('utf8')
          .split(':')
      : [];
    if (user !== undefined && Object.hasOwn(this.users, user) && this.users[user] === rest.join(':')) {
      ctx.user = user;
      return;
    }
    throw new Refusal(401, 'UNAUTHENTICATED', 'This call needs HTTP Basic credentials.', {
      'WWW-Authenticate': 'Basic realm="ExecutionBroker"',
    });
  }

  private vosi(ctx: Ctx, availability: boolean): void {
    const base = this.has('capabilities-wrong-base') ? 'http://broker.elsewhere.example' : ctx.base;
    const reserved = this.reserved();
    const body = availability
      ? `<?xml version="1.0" encoding="UTF-8"?>\n<vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0">\n  ${this.has('availability-without-available') ? '' : `<vosi:available>${reserved.cores < this.capacity.cores}</vosi:available>`}\n  <vosi:upSince>${iso(this.upSince)}</vosi:upSince>\n  <vosi:note>${reserved.cores} of ${this.capacity.cores} cores reserved</vosi:note>\n</vosi:availability>\n`
      : `<?xml version="1.0" encoding="UTF-8"?>
<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <capability standardID="${this.standardId}">
    <interface xsi:type="vs:ParamHTTP" role="std" version="1.0"><accessURL use="base">${base}/</accessURL></interface>
  </capability>
  <capability standardID="ivo://ivoa.net/std/VOSI#capabilities">
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">${ctx.base}/capabilities</accessURL></interface>
  </capability>
  <capability standardID="ivo://ivoa.net/std/VOSI#availability">
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">${ctx.base}/availability</accessURL></interface>
  </capability>
</vosi:capabilities>
`;
    ctx.res.writeHead(200, {
      'Content-Type': this.has('vosi-text-plain') ? 'text/plain' : 'text/xml; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    ctx.res.end(body);
  }

  /** Reads the body under the size limit, checks its media type, parses it (413, 415, 400 in that order). */
  private async readDoc(ctx: Ctx): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    const limit = this.has('no-body-limit') ? Infinity : this.bodyLimit;
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size <= limit) chunks.push(chunk as Buffer);
    }
    if (size > limit)
      throw new Refusal(413, 'BODY_TOO_LARGE', `The body has ${size} bytes; this broker reads at most ${limit}.`);
    const format = this.has('reads-anything')
      ? bodyFormat(ctx.req.headers['content-type']) === 'json'
        ? 'json'
        : 'yaml'
      : bodyFormat(ctx.req.headers['content-type']);
    if (format === 'unsupported' || (format === 'json' && this.has('refuses-json-bodies'))) {
      throw new Refusal(
        415,
        'UNSUPPORTED_CONTENT_TYPE',
        `This broker reads YAML and JSON, not ${ctx.req.headers['content-type'] ?? ''}.`,
      );
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') {
      if (this.has('empty-body-422')) throw new Refusal(422, 'INVALID_DOCUMENT', 'The body is empty.');
      throw new Refusal(400, 'EMPTY_BODY', 'The request has no body.');
    }
    const parsed = parseBody(text, format);
    if (!parsed.ok)
      throw new Refusal(400, 'MALFORMED_BODY', `The body is not ${format === 'json' ? 'JSON' : 'YAML'}: ${parsed.why}`);
    return parsed.doc;
  }

  private async submit(ctx: Ctx, direct: boolean): Promise<void> {
    const doc = await this.readDoc(ctx);
    this.acceptable(ctx); // 415 before 406: the body is judged first
    const findings = validateRequest(doc);
    const now = Date.now();
    let set: OfferSet;
    if (findings.length > 0) {
      if (!this.has('invalid-answered-no'))
        throw new Refusal(
          422,
          'INVALID_DOCUMENT',
          `The request breaks ${findings.length} rule(s); see messages.`,
          {},
          findings,
        );
      set = {
        uuid: randomUUID(),
        created: now,
        result: 'NO',
        offers: [],
        messages: findings.map((f) => this.msg('urn:invalid-request', 'WARN', f.message)),
      };
    } else set = await this.plan(doc as Obj, now, ctx.user, direct ? 1 : this.offerCount);
    this.offerSets.set(set.uuid, set);
    if (direct && this.has('direct-500')) throw new Error('the direct path is broken (fault direct-500)');
    if (direct) return this.direct(ctx, set);
    const location = `${ctx.base}/offersets/${set.uuid}`;
    if (this.has('submit-201')) return this.send(ctx, 201, this.offerSetDoc(set, ctx.base), { Location: location });
    if (this.mode === 'working-group')
      return this.send(ctx, 303, this.offerSetDoc(set, ctx.base), { Location: location });
    ctx.res.writeHead(303, { Location: location, 'Content-Length': 0, ...this.vary() });
    ctx.res.end();
  }

  private direct(ctx: Ctx, set: OfferSet): void {
    const first = this.sessions.get(set.offers[0] ?? '');
    if (!first) {
      const failed = this.emptySession(set, Date.now(), ctx.user);
      failed.phase = 'FAILED';
      failed.messages = set.messages;
      this.sessions.set(failed.uuid, failed);
      return this.send(ctx, 400, this.sessionDoc(failed, ctx.base));
    }
    this.accept(first, Date.now());
    ctx.res.writeHead(303, { Location: `${ctx.base}/sessions/${first.uuid}`, 'Content-Length': 0, ...this.vary() });
    ctx.res.end();
  }

  private msg(kind: string, level: Message['level'], message: string): Message {
    return { kind, level, message, time: iso(Date.now()) };
  }

  private reserved(): { cores: number; memory: number } {
    let cores = 0;
    let memory = 0;
    for (const s of this.sessions.values()) {
      this.advance(s);
      if (!TERMINAL.includes(s.phase)) {
        cores += s.cores;
        memory += s.memory;
      }
    }
    return { cores, memory };
  }

  /** Decides YES or NO and builds the offers (EB-OFF-01..19, EB-KIND-02, EB-OFF-17). */
  private async plan(req: Obj, now: number, owner: string | undefined, count: number): Promise<OfferSet> {
    const wg = this.mode === 'working-group';
    const set: OfferSet = { uuid: randomUUID(), created: now, result: 'NO', offers: [], messages: [] };
    const no = (kind: string, message: string): OfferSet => ({
      ...set,
      messages: this.has('no-without-messages') ? [] : [this.msg(kind, 'WARN', message)],
    });
    const exe = req.executable;
    if (!isObj(exe)) return no('urn:executable-required', 'The request names no executable to run.');
    const exeKind = String(exe.kind);
    // The fault plans a kind it does not know as if it were a container.
    if (exeKind !== KIND.docker && exeKind !== KIND.notebook && !this.has('unknown-kind-offered')) {
      return no('urn:unknown-kind', `This platform runs Docker containers and Jupyter notebooks, not ${exeKind}.`);
    }
    // EB-OFF-21: never offer to run a privileged container unprivileged.
    if (exe.privileged === true && !this.has('privileged-run-unprivileged'))
      return no(
        'urn:not-supported',
        "privileged: true is not granted here: containers run without the host's privileges.",
      );
    const portRefusal = this.externalPortRefusal(exe);
    if (portRefusal) return no('urn:not-supported', portRefusal);
    const compute = isObj(req.compute) ? req.compute : { kind: KIND.compute };
    if (compute.kind !== KIND.compute)
      return no('urn:unknown-kind', `This platform has no compute resource of kind ${String(compute.kind)}.`);
    // EB-OFF-22: this platform has no accelerators, so any requested one is answered NO naming it.
    const accelerators = Array.isArray(compute.accelerators) ? compute.accelerators : [];
    if (accelerators.length > 0 && !this.has('accelerator-dropped')) {
      const a = accelerators[0];
      const what = isObj(a)
        ? [isObj(a.meta) ? a.meta.name : undefined, a.type, a.vendor, a.model]
            .filter((x) => typeof x === 'string')
            .join(' ')
        : '';
      return no(
        'urn:resource-not-found',
        `This platform has no accelerator ${what || String(isObj(a) ? a.kind : a)} (accelerators: none).`,
      );
    }
    const range = (v: unknown): { min?: number; max?: number } =>
      isObj(v)
        ? { min: typeof v.min === 'number' ? v.min : undefined, max: typeof v.max === 'number' ? v.max : undefined }
        : {};
    const pick = (r: { min?: number; max?: number }, fallback: number): number => {
      if (wg) return Math.min(2 * (r.min ?? fallback), r.max ?? Infinity);
      return r.max ?? r.min ?? fallback; // the most the client can use, never more than it asked for
    };
    const coreRange = range(compute.cores);
    const memRange = range(compute.memory);
    const cores = pick(coreRange, wg ? 1 : 2);
    const memory = pick(memRange, wg ? 1 : 2 * cores);
    const limit = wg ? 16 : 64;
    if ((coreRange.min ?? 0) > limit || (memRange.min ?? 0) > 4 * limit)
      return no(
        'urn:resource-limit',
        `The request needs more than this platform's ${limit} cores or ${4 * limit} GiB.`,
      );
    const reserved = this.reserved();
    if (reserved.cores + cores > this.capacity.cores || reserved.memory + memory > this.capacity.memory)
      return no('urn:resource-busy', 'The platform is fully reserved; try again later.');
    for (const d of Array.isArray(req.data) ? req.data : []) {
      const why = await this.unreachable(d);
      // Its own choice, not EB-OFF-17's (that is unmanaged storage, below): data it cannot reach is answered NO.
      if (why) return no('urn:resource-not-found', why);
    }
    for (const s of Array.isArray(req.storage) ? req.storage : []) {
      if (isObj(s) && s.kind !== KIND.storage)
        return no('urn:unknown-kind', `This platform has no storage of kind ${String(s.kind)}.`);
      // EB-OFF-17, spec/03 §3.4: unmanaged storage is only mounted, so it must be reachable from here.
      if (
        isObj(s) &&
        s.lifecycle === 'unmanaged' &&
        typeof s.location === 'string' &&
        !this.has('unreachable-storage-offered')
      ) {
        const why = await this.hostUnreachable(s.location);
        if (why)
          return no(
            'urn:resource-not-found',
            `Unmanaged storage ${String(isObj(s.meta) ? s.meta.name : '')} at ${s.location}: ${why}`,
          );
      }
    }
    for (const m of Array.isArray(req.metrics) ? req.metrics : []) {
      if (isObj(m)) return no('urn:not-supported', `This platform cannot promise metric ${String(m.type)}.`);
    }
    const requested = isObj(req.schedule) && isObj(req.schedule.requested) ? req.schedule.requested : {};
    // EB-DEF-02: no start reads as "as soon as possible"; a list gives alternative windows (EB-SCH-12).
    const windows: Window[] | string =
      requested.start === undefined ? [{ from: now, to: Infinity, exact: false }] : parseStarts(requested.start);
    if (typeof windows === 'string') return no('urn:input-syntax-fail', windows);
    const wanted =
      typeof requested.duration === 'string' ? (parseDuration(requested.duration) ?? 0) : (wg ? 7200 : 1800) * 1000;
    let duration = wg ? Math.max(wanted, Math.min(2 * wanted, 4 * 3600_000)) : wanted;
    if (this.has('duration-below-minimum')) duration = Math.floor(wanted / 2);
    const t = this.timings;
    const width = wg ? 0 : t.accepted * 1000;
    const earliest = now + (t.accepted + t.waiting + t.preparing) * 1000;
    const alignUp = (ms: number): number => Math.ceil(ms / (this.align * 1000)) * this.align * 1000;
    const spacing = Math.max(duration, 60_000);
    // Slots in the windows in order (EB-OFF-12: each start inside at least one requested range).
    const slots: { start: number; width: number }[] = [];
    for (const w of windows) {
      for (let start = alignUp(Math.max(earliest, w.from)); slots.length < count; start += spacing) {
        const wide = w.exact ? 0 : Math.min(width, Math.max(0, w.to - start));
        if (this.has('start-outside-window') && Number.isFinite(w.to)) {
          slots.push({ start: alignUp(w.to + 86_400_000), width: wide });
          continue;
        }
        if (start + wide > w.to) break;
        slots.push({ start, width: wide });
      }
    }
    for (const [i, slot] of slots.entries()) {
      const s = this.emptySession(set, now, owner);
      s.name = wg ? `${String(isObj(exe.meta) ? exe.meta.name : 'null')}-offer-${i}` : `offer-${i + 1}-of-${count}`;
      s.slot = { start: slot.start, width: slot.width, duration };
      s.notebook = exeKind === KIND.notebook;
      s.cores = cores;
      s.memory = this.has('memory-equals-cores')
        ? cores
        : this.has('memory-below-minimum')
          ? Math.max(0, (memRange.min ?? memory) - 1)
          : this.has('memory-above-maximum')
            ? 2 * (memRange.max ?? memory)
            : memory;
      s.components = this.fillComponents(req, compute, s);
      set.offers.push(s.uuid);
      this.sessions.set(s.uuid, s);
    }
    if (set.offers.length === 0)
      return no('urn:schedule-unavailable', 'No slot of this platform starts inside the requested start range(s).');
    set.result = 'YES';
    return set;
  }

  /** Why a data resource cannot be staged here, or undefined. Documentation domains are mirrored locally. */
  private async unreachable(d: unknown): Promise<string | undefined> {
    if (!isObj(d)) return undefined;
    if (d.kind !== KIND.simpleData && d.kind !== KIND.s3Data && d.kind !== KIND.ivoaData)
      return `This platform cannot stage data of kind ${String(d.kind)}.`;
    const where = typeof d.location === 'string' ? d.location : typeof d.endpoint === 'string' ? d.endpoint : undefined;
    if (where === undefined) return undefined;
    const why = await this.hostUnreachable(where);
    return why && `Data ${String(isObj(d.meta) ? d.meta.name : '')} at ${where}: ${why}`;
  }

  /** Why the host of a URL cannot be reached from this platform, or undefined. */
  private async hostUnreachable(where: string): Promise<string | undefined> {
    let host: string;
    try {
      host = new URL(where).hostname;
    } catch {
      return `Data location ${where} is not a URL.`;
    }
    if (/(^|\.)example\.(org|com|net)$/.test(host)) return undefined;
    if (/(^|\.)(invalid|test|localhost)$/.test(host)) return `host ${host} cannot be reached.`;
    try {
      await Promise.race([
        lookup(host),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return undefined;
    } catch {
      return `host ${host} cannot be reached from this platform.`;
    }
  }

  private emptySession(set: OfferSet, now: number, owner: string | undefined): Session {
    // Whole seconds, so the expires written is the instant the offer really lapses.
    const expires = this.has('expires-before-created')
      ? now - 60_000
      : Math.ceil((now + this.timings.offer * 1000) / 1000) * 1000;
    return {
      uuid: randomUUID(),
      offerSet: set.uuid,
      name: 'offer',
      created: now,
      modified: now,
      expires,
      phase: 'OFFERED',
      withdrawn: false,
      slot: { start: now, width: 0, duration: 0 },
      timeline: [],
      components: {},
      notebook: false,
      cores: 0,
      memory: 0,
      owner,
      messages: [],
    };
  }

  /**
   * Why a client-set external port or address cannot be given exactly (EB-OFF-20), or undefined. This platform
   * publishes ports 1024-65535 on its one address; it never offers another port in place of the one asked for.
   */
  private externalPortRefusal(exe: Obj): string | undefined {
    const ports = isObj(exe.network) && Array.isArray(exe.network.ports) ? exe.network.ports : [];
    const taken = new Set<number>();
    for (const [i, p] of ports.entries()) {
      if (!isObj(p) || !isObj(p.external)) continue;
      const { port, addresses } = p.external;
      if (typeof port === 'number' && (port < 1024 || taken.has(port)))
        return `external port ${port} of network port ${i} cannot be given: this platform publishes each port once, from 1024 to 65535.`;
      if (typeof port === 'number') taken.add(port);
      if (Array.isArray(addresses) && addresses.some((a) => a !== PUBLIC_ADDRESS))
        return `external addresses ${addresses.join(', ')} of network port ${i} cannot be given: this platform publishes ports on ${PUBLIC_ADDRESS} only.`;
    }
    return undefined;
  }

  /** The request's components under the same names, with the values this broker provides (EB-OFF-19). */
  private fillComponents(req: Obj, compute: Obj, s: Session): Obj {
    const out: Obj = {};
    const exe = clone(req.executable) as Obj;
    const ports = isObj(exe.network) && Array.isArray(exe.network.ports) ? exe.network.ports : [];
    const asked = new Set(
      ports.flatMap((p) =>
        isObj(p) && isObj(p.external) && typeof p.external.port === 'number' ? [p.external.port] : [],
      ),
    );
    let next = 31000;
    for (const p of ports) {
      if (!isObj(p)) continue;
      const given =
        isObj(p.external) && typeof p.external.port === 'number' && !this.has('external-port-replaced')
          ? p.external.port
          : undefined;
      while (asked.has(next)) next++;
      p.external = { port: given ?? next++, addresses: [PUBLIC_ADDRESS] };
    }
    out.executable = exe;
    const c = clone(compute);
    if (this.has('renamed-component')) c.meta = { ...(isObj(c.meta) ? c.meta : {}), name: 'platform-compute' };
    c.cores = { min: s.cores, max: s.cores };
    c.memory = { min: s.memory, max: s.memory };
    if (this.has('accelerator-dropped')) delete c.accelerators;
    if (exe.privileged === true && this.has('privileged-run-unprivileged')) exe.privileged = false;
    this.mountVolumes(req, exe, c);
    out.compute = c;
    if (Array.isArray(req.storage)) {
      out.storage = req.storage.map((st) => {
        const copy = clone(st) as Obj;
        if (copy.lifecycle === 'unmanaged') return copy; // existing storage: only mounted, its size is not ours to give
        const r = isObj(copy.size) ? copy.size : {};
        const size = typeof r.max === 'number' ? r.max : typeof r.min === 'number' ? r.min : 1;
        copy.size = { min: size, max: size };
        return copy;
      });
    }
    if (Array.isArray(req.data)) out.data = clone(req.data);
    return out;
  }

  /**
   * EB-DEF-04: a volume without mode is READONLY and one without path goes to /volumes/<resource>, both stated.
   * EB-OFF-24 (spec/02 §2.1): each input and output is mounted (inputs READONLY, outputs READWRITE) unless a volume
   * already mounts its resource, and its environment variable (env, default EB_INPUT_<NAME>/EB_OUTPUT_<NAME>) is
   * set to the mount path, in the offer's executable.
   */
  private mountVolumes(req: Obj, exe: Obj, c: Obj): void {
    const volumes = (Array.isArray(c.volumes) ? c.volumes : []).filter(isObj);
    for (const v of volumes) {
      v.mode ??= 'READONLY';
      if (v.path === undefined) v.path = `/volumes/${String(v.resource)}`;
    }
    const used = new Set<string>();
    const collect = (x: unknown): void => {
      if (isObj(x) && isObj(x.meta) && typeof x.meta.name === 'string') used.add(x.meta.name);
    };
    [
      req.executable,
      req.compute,
      ...volumes,
      ...(Array.isArray(req.storage) ? req.storage : []),
      ...(Array.isArray(req.data) ? req.data : []),
    ].forEach(collect);
    const environment: Record<string, string> = isObj(exe.environment)
      ? (exe.environment as Record<string, string>)
      : {};
    let linked = false;
    for (const [side, mode, prefix] of [
      ['inputs', 'READONLY', 'EB_INPUT_'],
      ['outputs', 'READWRITE', 'EB_OUTPUT_'],
    ] as const) {
      for (const p of Array.isArray(exe[side]) ? exe[side] : []) {
        if (!isObj(p) || typeof p.name !== 'string' || typeof p.resource !== 'string') continue;
        linked = true;
        let mount = this.has('inputs-not-mounted') ? undefined : volumes.find((v) => v.resource === p.resource);
        if (!mount && !this.has('inputs-not-mounted')) {
          let name = `${side === 'inputs' ? 'input' : 'output'}-${p.name}-volume`;
          for (let n = 2; used.has(name); n++) name = `${side === 'inputs' ? 'input' : 'output'}-${p.name}-volume-${n}`;
          used.add(name);
          mount = {
            kind: KIND.volume,
            meta: { name },
            path: typeof p.path === 'string' ? p.path : `/${side}/${p.name}`,
            mode,
            resource: p.resource,
          };
          volumes.push(mount);
        }
        const env = typeof p.env === 'string' ? p.env : `${prefix}${p.name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
        if (mount) environment[env] = String(mount.path);
      }
    }
    if (volumes.length > 0) c.volumes = volumes;
    if (linked && exe.kind === KIND.docker && Object.keys(environment).length > 0) exe.environment = environment;
  }

  private offerSetDoc(set: OfferSet, base: string): Obj {
    const meta: Obj = { uuid: set.uuid, url: `${base}/offersets/${set.uuid}`, created: iso(set.created) };
    if (set.messages.length > 0) meta.messages = set.messages;
    return {
      meta,
      result: set.result,
      offers: set.offers.flatMap((id) => {
        const s = this.sessions.get(id);
        if (!s) return [];
        this.advance(s);
        return [this.sessionDoc(s, base)];
      }),
    };
  }

  private options(s: Session): Obj[] {
    const phase = (values: string[]): Obj[] => [{ kind: 'uri:enum-value-option', path: 'phase', values }];
    if (s.phase === 'OFFERED')
      return phase(this.has('offered-without-reject') ? ['ACCEPTED'] : ['ACCEPTED', 'REJECTED']);
    if (CANCELLABLE.includes(s.phase) && this.has('accepted-offers-accept')) return phase(['ACCEPTED', 'CANCELLED']);
    if (CANCELLABLE.includes(s.phase) || (s.phase === 'RELEASING' && this.has('cancel-in-releasing')))
      return phase(['CANCELLED']);
    return [];
  }

  /** Phase of each component for a session phase (spec/02 §2.5). */
  private componentPhase(phase: Phase): string {
    switch (phase) {
      case 'OFFERED':
      case 'ACCEPTED':
      case 'REJECTED':
      case 'EXPIRED':
        return 'INITIALIZING';
      case 'WAITING':
      case 'PREPARING':
      case 'AVAILABLE':
      case 'RUNNING':
      case 'RELEASING':
      case 'COMPLETED':
      case 'FAILED':
      case 'CANCELLED':
        return phase;
    }
  }

  /** Component-level schedules (spec/03 §3.3: components carry a schedule when the broker plans them). */
  private schedule(s: Session): Obj {
    const t = this.timings;
    const a = s.actual;
    const prepStart = this.has('schedule-out-of-order')
      ? s.slot.start + 60_000
      : (a?.preparing ?? s.slot.start - t.preparing * 1000);
    const availStart = a?.available ?? s.slot.start;
    const relStart = a?.releasing ?? s.slot.start + s.slot.duration;
    const relEnd = a?.done ?? relStart + t.releasing * 1000;
    const width = a ? 0 : s.slot.width;
    const available = this.has('two-slots') ? `R2/${iso(availStart)}/PT1H` : `${iso(availStart)}/${isoDuration(width)}`;
    return {
      preparing: { start: iso(prepStart), duration: isoDuration(Math.max(1000, availStart - prepStart)) },
      available: { start: available, duration: isoDuration(s.slot.duration) },
      releasing: { start: iso(relStart), duration: isoDuration(relEnd - relStart) },
    };
  }

  private sessionDoc(s: Session, base: string): Obj {
    const meta: Obj = {
      uuid: s.uuid,
      name: s.name,
      url: `${base}/sessions/${s.uuid}${this.has('offer-url-trailing-slash') ? '/' : ''}`,
      created: iso(s.created),
      modified: iso(s.modified),
    };
    const options = this.options(s);
    if (options.length > 0) meta.options = options;
    if (s.messages.length > 0) meta.messages = s.messages;
    const doc: Obj = { kind: KIND.session, meta, phase: s.phase };
    if (s.phase === 'OFFERED') doc.expires = iso(s.expires);
    const cphase = this.componentPhase(s.phase);
    const schedule = this.schedule(s);
    for (const [key, value] of Object.entries(s.components)) {
      const put = (c: unknown, i?: number): unknown => {
        if (!isObj(c)) return c;
        const copy: Obj = { ...clone(c), phase: cphase };
        if (key === 'executable' || key === 'compute') copy.schedule = clone(schedule);
        if (this.has('unserved-component-urls')) {
          const id = randomUUID();
          copy.meta = { ...(isObj(c.meta) ? c.meta : {}), uuid: id, url: `${base}/${key}/${i ?? 0}/${id}` };
        } else if (this.componentUrls) {
          const at = `${key}/${i ?? 0}`;
          s.componentIds ??= new Map();
          let id = s.componentIds.get(at);
          if (id === undefined) s.componentIds.set(at, (id = randomUUID()));
          copy.meta = {
            ...(isObj(c.meta) ? c.meta : {}),
            uuid: id,
            url: `${base}/sessions/${s.uuid}/components/${at}`,
          };
        }
        return copy;
      };
      doc[key] = Array.isArray(value) ? value.map((v, i) => put(v, i)) : put(value);
    }
    if (s.phase === 'AVAILABLE' || s.phase === 'RUNNING') doc.connectors = this.connectors(s);
    doc.costs = [
      {
        kind: KIND.cost,
        type: 'urn:ivoa:calycopis:cost:monetary',
        min: 0,
        max: Math.round(s.cores * (s.slot.duration / 3600_000) * 5) / 100,
      },
    ];
    return doc;
  }

  private connectors(s: Session): Obj[] {
    if (s.notebook)
      return [
        {
          kind: 'urn:independent-broker:connector:notebook',
          status: 'AVAILABLE',
          protocol: 'HTTPS',
          location: `https://notebooks.example.net/${s.uuid}/`,
        },
      ];
    const exe = s.components.executable;
    const ports = isObj(exe) && isObj(exe.network) && Array.isArray(exe.network.ports) ? exe.network.ports : [];
    return ports
      .filter((p): p is Obj => isObj(p) && p.access === true)
      .map((p) => ({
        kind: 'urn:independent-broker:connector:port',
        status: 'AVAILABLE',
        protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
        location: `${PUBLIC_ADDRESS}:${isObj(p.external) ? String(p.external.port) : '0'}`,
      }));
  }

  /** Applies every phase change that is due (expiry, the broker-driven lifecycle). */
  private advance(s: Session, now = Date.now()): void {
    if (s.phase === 'OFFERED' && now >= s.expires && !this.has('never-expires')) {
      s.phase = 'EXPIRED';
      s.modified = Math.max(s.created, s.expires);
    }
    while (s.timeline.length > 0 && (s.timeline[0]?.at ?? Infinity) <= now) {
      const next = s.timeline.shift() as { phase: Phase; at: number };
      s.phase = next.phase;
      s.modified = next.at;
    }
  }

  private accept(s: Session, now: number): void {
    const t = this.timings;
    const accepted = now + t.accepted * 1000;
    const prepStart = Math.max(accepted, s.slot.start - t.preparing * 1000);
    const available = prepStart + t.preparing * 1000;
    const run = Math.min(t.available + t.running, s.slot.duration / 1000);
    const releasing = available + run * 1000;
    const done = releasing + t.releasing * 1000;
    const line: { phase: Phase; at: number }[] = [];
    if (prepStart > accepted) line.push({ phase: 'WAITING', at: accepted });
    if (!this.has('skips-preparing')) line.push({ phase: 'PREPARING', at: prepStart });
    line.push({ phase: 'AVAILABLE', at: available });
    if (!s.notebook) line.push({ phase: 'RUNNING', at: available + t.available * 1000 });
    if (!this.has('skips-releasing')) line.push({ phase: 'RELEASING', at: releasing });
    line.push({ phase: 'COMPLETED', at: done });
    s.phase = 'ACCEPTED';
    s.modified = now;
    s.timeline = line;
    s.actual = { preparing: prepStart, available, releasing, done };
    if (this.has('siblings-stay-offered')) return;
    const set = this.offerSets.get(s.offerSet);
    for (const id of set?.offers ?? []) {
      const sib = this.sessions.get(id);
      if (!sib || sib === s) continue;
      this.advance(sib, now);
      if (sib.phase === 'OFFERED') {
        sib.phase = 'REJECTED';
        sib.withdrawn = true;
        sib.modified = now;
      }
    }
  }

  /** POST of an update to a session (spec/02 §2.4, §6.4). */
  private async update(ctx: Ctx, s: Session): Promise<void> {
    const doc = await this.readDoc(ctx);
    this.acceptable(ctx);
    const findings = validateUpdate(doc);
    if (findings.length > 0)
      throw new Refusal(
        422,
        'INVALID_DOCUMENT',
        `The update breaks ${findings.length} rule(s); see messages.`,
        {},
        findings,
      );
    if (this.mode === 'working-group' && s.owner !== undefined && s.owner !== ctx.user) {
      throw new Refusal(403, 'NOT_OWNER', `Only ${s.owner} may change this session.`); // §6.4: NOT_OWNER, an update by someone who does not own the session
    }
    const u = doc as Obj;
    // EB-UPD-07: an identifier in the body must be this session's. Refused as an update this session does not
    // offer (409), where the reference broker says 422: the spec names no code, and the suite must take either.
    const meta = isObj(u.meta) ? u.meta : {};
    for (const [member, given] of [
      ['uuid', u.uuid],
      ['meta.uuid', meta.uuid],
    ] as const) {
      if (given !== undefined && (typeof given !== 'string' || given.toLowerCase() !== s.uuid))
        throw new Refusal(
          409,
          'UPDATE_NOT_OFFERED',
          `The update's ${member} names the session ${JSON.stringify(given)}, but it was posted to the session ${s.uuid}.`,
        );
    }
    const now = Date.now();
    this.advance(s, now);
    const before = this.has('accept-answers-stale') ? this.sessionDoc(s, ctx.base) : undefined;
    const path = String(u.path).replace(/^\//, '');
    const value = String(u.value);
    const kindOk =
      u.kind === 'uri:enum-value-update' ||
      (this.has('string-update-for-enum') && u.kind === 'uri:string-value-update');
    const offered = this.options(s).some(
      (o) => o.path === path && kindOk && Array.isArray(o.values) && o.values.includes(value),
    );
    const twice =
      this.has('accept-twice-ok') && value === 'ACCEPTED' && s.phase !== 'OFFERED' && !TERMINAL.includes(s.phase);
    if (!offered && !twice && !(this.has('accepts-expired') && s.phase === 'EXPIRED' && value === 'ACCEPTED')) {
      if (this.has('refusal-changes-session') && s.phase === 'OFFERED') {
        s.phase = 'REJECTED';
        s.modified = now;
      }
      let code = 'UPDATE_NOT_OFFERED';
      if (value === 'ACCEPTED' && s.phase === 'EXPIRED' && !this.has('expired-wrong-code')) code = 'OFFER_EXPIRED';
      if (value === 'ACCEPTED' && s.phase === 'REJECTED' && s.withdrawn && !this.has('withdrawn-wrong-code'))
        code = 'OFFER_WITHDRAWN';
      throw new Refusal(
        409,
        code,
        `The session in phase ${s.phase} offers no ${String(u.kind)} of ${path} to ${value}.`,
      );
    }
    if (!twice) {
      if (value === 'ACCEPTED') this.accept(s, now);
      else {
        s.phase = value as Phase;
        s.timeline = [];
        s.modified = now;
      }
    }
    this.send(ctx, 200, before ?? this.sessionDoc(s, ctx.base));
  }
}
