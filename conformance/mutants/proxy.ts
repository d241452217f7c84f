import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, request } from 'undici';
import { parse } from '../../src/parse/index.js';
import { MEDIA_TYPES, serialize } from '../../src/serialize/index.js';
import type { Format } from '../../src/parse/index.js';
import type { DocumentType } from '../../src/findings.js';
import type { BrokerOptions, BrokerOverrides } from '../../src/broker/index.js';
import { startEmbeddedBroker } from '../embedded.js';
import type { RequirementId } from '../verdict.js';

/** A request as the proxy sees it (header names lower-case). */
export interface ProxyRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Hooks that turn the reference broker into a mutant; `state` lives as long as the mutant. */
export interface ProxyHooks {
  /** Return an answer to short-circuit the broker, or a (changed) request to forward. */
  request?(
    req: ProxyRequest,
    state: Map<string, unknown>,
  ): ProxyAnswer | ProxyRequest | undefined | Promise<ProxyAnswer | ProxyRequest | undefined>;
  response?(req: ProxyRequest, res: ProxyAnswer, state: Map<string, unknown>): ProxyAnswer | Promise<ProxyAnswer>;
}

/** A deliberately broken broker and the checks that must catch it. */
export interface Mutant {
  id: string;
  description: string;
  /** IDs (spec/requirements.yaml) of the requirements it breaks: each is cited by a check in `catches` or `warns`. */
  requirements: RequirementId[];
  /** IDs of the checks that must fail against it (a check of SHOULD level may warn instead). */
  catches: string[];
  /** IDs of checks that must warn against it (a SHOULD part of a MUST check). */
  warns?: string[];
  start(): Promise<{ url: string; close(): Promise<void> }>;
}

export type Doc = Record<string, unknown>;

function isAnswer(x: ProxyAnswer | ProxyRequest): x is ProxyAnswer {
  return 'status' in x;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the reference broker behind a rewriting proxy; every URL the broker hands out names the proxy. */
export async function startProxied(
  hooks: ProxyHooks,
  overrides?: BrokerOverrides,
  extra: BrokerOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const state = new Map<string, unknown>();
  const agent = new Agent({ connections: 32 });
  let upstream = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const incoming: ProxyRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        ),
        body: await readBody(req),
      };
      let answer: ProxyAnswer;
      const pre = hooks.request ? await hooks.request(incoming, state) : undefined;
      if (pre && isAnswer(pre)) answer = pre;
      else {
        const fwd = pre ?? incoming;
        const headers = { ...fwd.headers };
        delete headers['host'];
        delete headers['content-length'];
        delete headers['connection'];
        const r = await request(`${upstream}${fwd.path}`, {
          method: fwd.method,
          headers,
          body: fwd.body.length > 0 || !['GET', 'HEAD'].includes(fwd.method) ? fwd.body : null,
          dispatcher: agent,
        });
        const body = Buffer.from(await r.body.arrayBuffer());
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
        answer = { status: r.statusCode, headers: h, body };
        if (hooks.response) answer = await hooks.response(fwd, answer, state);
      }
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      delete headers['connection'];
      headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`mutant proxy failure: ${(err as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const broker = await startEmbeddedBroker(overrides, { ...extra, publicUrl: url });
  upstream = broker.url;
  return {
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
      await broker.close();
    },
  };
}

/** A mutant built only from broker overrides (no proxy). */
export async function startOverridden(
  overrides: BrokerOverrides,
  extra: BrokerOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const broker = await startEmbeddedBroker(overrides, extra);
  return { url: broker.url, close: () => broker.close() };
}

export function docTypeOf(path: string, status: number): DocumentType | undefined {
  if (status >= 400) return 'error';
  if (path.startsWith('/offersets/') || path === '/requests') return 'offerset';
  if (path.startsWith('/sessions/') || path === '/direct') return 'session';
  return undefined;
}

/** Parses an answer body, lets `fn` change the value, and serializes it back in the same format. */
export function rewrite(
  req: ProxyRequest,
  res: ProxyAnswer,
  fn: (value: Doc, type: DocumentType) => Doc | void,
): ProxyAnswer {
  const type = docTypeOf(req.path.split('?')[0] as string, res.status);
  if (!type || res.body.length === 0) return res;
  const doc = parse(res.body, res.headers['content-type'] ? { mediaType: res.headers['content-type'] } : {});
  if (typeof doc.value !== 'object' || doc.value === null || !doc.format) return res;
  const value = doc.value as Doc;
  const out = fn(value, type) ?? value;
  return { ...res, body: Buffer.from(serialize(out, doc.format, type)) };
}

/** Applies `fn` to each session in an answer: the session itself, or every offer of an offer set. */
export function eachSession(value: Doc, type: DocumentType, fn: (s: Doc) => void): void {
  if (type === 'session') fn(value);
  if (type === 'offerset' && Array.isArray(value['offers']))
    for (const o of value['offers']) if (o && typeof o === 'object') fn(o as Doc);
}

/** A proxied broker whose answers have `edit` applied to every session and offer they carry. */
export function startSessionEditor(edit: (session: Doc) => void): Promise<{ url: string; close(): Promise<void> }> {
  return startProxied({ response: (req, res) => rewrite(req, res, (v, t) => eachSession(v, t, edit)) });
}

export function answer(status: number, value: unknown, type: DocumentType, format: Format = 'json'): ProxyAnswer {
  return {
    status,
    headers: { 'content-type': MEDIA_TYPES[format] },
    body: Buffer.from(serialize(value, format, type)),
  };
}

export function jsonBody(req: ProxyRequest): Doc | undefined {
  const doc = parse(req.body, req.headers['content-type'] ? { mediaType: req.headers['content-type'] } : {});
  return typeof doc.value === 'object' && doc.value !== null ? (doc.value as Doc) : undefined;
}

export function isSessionPath(path: string): boolean {
  return /^\/sessions\/[0-9a-f-]{36}$/i.test(path);
}
