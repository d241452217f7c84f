import { readFileSync } from 'node:fs';
import { request as undiciRequest } from 'undici';
import { parse as parseYaml } from 'yaml';
import { startBroker, ManualClock, type BrokerOptions, type RunningBroker } from '../../src/broker/index.js';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import type { DocumentType } from '../../src/findings.js';

/** 5 minutes before the example request's start window opens. */
export const T0 = Date.parse('2026-08-14T10:55:00Z');
export const EXAMPLE_REQUEST_TEXT = readFileSync(
  new URL('../fixtures/reference/execution-request.yaml', import.meta.url),
  'utf8',
);
export const EXAMPLE_REQUEST = parseYaml(EXAMPLE_REQUEST_TEXT) as Record<string, unknown>;
export const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/';
export const MEDIA = { json: 'application/json', yaml: 'application/yaml', xml: 'application/xml' } as const;
export type Fmt = keyof typeof MEDIA;

export async function start(opts: BrokerOptions = {}): Promise<RunningBroker & { clock: ManualClock }> {
  const clock = (opts.clock as ManualClock | undefined) ?? new ManualClock(T0);
  return (await startBroker({ ...opts, clock })) as RunningBroker & { clock: ManualClock };
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed by the project's parser in the format its Content-Type names. */
  value: Record<string, unknown>;
  format: Fmt | undefined;
}

/** One HTTP exchange over loopback; redirects are not followed. */
export async function http(
  broker: { url: string },
  method: string,
  path: string,
  init: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const res = await undiciRequest(broker.url + path, {
    method: method as 'GET',
    body: init.body,
    headers: init.headers ?? {},
  });
  const text = await res.body.text();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '');
  const ct = (headers['content-type'] ?? '').split(';')[0]!.trim();
  const format = (Object.keys(MEDIA) as Fmt[]).find((f) => MEDIA[f] === ct);
  const value = format && text ? (parse(text, { format }).value as Record<string, unknown>) : {};
  return { status: res.statusCode, headers, text, value, format };
}

/** Serializes a plain document for sending, with the project's serializer. */
export async function encode(value: unknown, format: Fmt, docType: DocumentType): Promise<string> {
  const { serialize } = await import('../../src/serialize/index.js');
  return serialize(value, format, docType);
}

/** Findings at error level when the body is validated as `type` (empty means valid). */
export function errorsOf(reply: Reply, type: DocumentType): string[] {
  const doc = parse(reply.text, { format: reply.format ?? 'yaml' });
  const result = validate(doc, { type });
  return result.findings.filter((f) => f.level === 'error').map((f) => `${f.ruleId} ${f.pointer}: ${f.message}`);
}

export const submit = (b: { url: string }, request: unknown = EXAMPLE_REQUEST, accept: Fmt = 'json'): Promise<Reply> =>
  http(b, 'POST', '/requests', {
    body: JSON.stringify(request),
    headers: { 'content-type': MEDIA.json, accept: MEDIA[accept] },
  });

export const update = (
  b: { url: string },
  sessionUrl: string,
  value: string,
  headers: Record<string, string> = {},
): Promise<Reply> =>
  http(b, 'POST', new URL(sessionUrl).pathname, {
    body: JSON.stringify({ kind: 'uri:enum-value-update', path: 'phase', value }),
    headers: { 'content-type': MEDIA.json, accept: MEDIA.json, ...headers },
  });

export type Obj = Record<string, unknown>;
export const offersOf = (r: Reply): Obj[] => (r.value.offers as Obj[] | undefined) ?? [];
export const urlOf = (doc: Obj): string => (doc.meta as Obj).url as string;
export const phaseOf = async (b: { url: string }, url: string): Promise<string> =>
  (await http(b, 'GET', new URL(url).pathname, { headers: { accept: MEDIA.json } })).value.phase as string;
