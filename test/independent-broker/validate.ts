/**
 * Request and update validation of the independent broker: the JSON Schemas of schema/json (read as
 * published artefacts, compiled here with ajv) plus the few MUST rules of spec/03 a schema cannot say.
 * Written from spec/ text only; nothing here comes from src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsPkg from 'ajv-formats';

const addFormats = addFormatsPkg.default;

/** One problem found in a body: the requirement it breaks, where, and why. */
export interface Finding {
  requirement: string;
  pointer: string;
  message: string;
}

const SCHEMA_DIR = resolve(import.meta.dirname, '../../schema/json');
const BASE = 'https://www.ivoa.net/xml/ExecutionBroker/schema/v1.0/json/';

function loadAjv(): { request: ValidateFunction; update: ValidateFunction } {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as object);
  }
  const get = (name: string): ValidateFunction => {
    const fn = ajv.getSchema(`${BASE}${name}`);
    if (!fn) throw new Error(`schema ${name} missing from ${SCHEMA_DIR}`);
    return fn;
  };
  return { request: get('request.schema.json'), update: get('updates.schema.json') };
}

let compiled: ReturnType<typeof loadAjv> | undefined;
function validators(): ReturnType<typeof loadAjv> {
  compiled ??= loadAjv();
  return compiled;
}

function schemaFindings(errors: ErrorObject[] | null | undefined): Finding[] {
  const out: Finding[] = [];
  for (const e of errors ?? []) {
    if (e.keyword === 'if') continue; // wrapper of the kind selection, carries nothing of its own
    out.push({
      requirement: 'EB-DM-09',
      pointer: e.instancePath || '/',
      message: `${e.instancePath || 'document'} ${e.message ?? 'is invalid'}`,
    });
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** EB-DM-01: every {min, max} pair, wherever it is. */
function minMaxFindings(node: unknown, pointer: string, out: Finding[]): void {
  if (Array.isArray(node)) node.forEach((v, i) => minMaxFindings(v, `${pointer}/${i}`, out));
  if (!isRecord(node)) return;
  const { min, max } = node;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    out.push({ requirement: 'EB-DM-01', pointer, message: `min ${min} is greater than max ${max}` });
  }
  for (const [k, v] of Object.entries(node)) minMaxFindings(v, `${pointer}/${k}`, out);
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY = 86_400_000;

function realDate(y: number, mo: number, d: number): boolean {
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/**
 * Milliseconds of an ISO 8601 instant, or undefined when it is not a real calendar instant (EB-DM-05).
 * Seconds may be left out; no offset means UTC, never local time (EB-SCH-10).
 */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  if (!realDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? 'Z'}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Midnight UTC that begins a calendar date (EB-SCH-11), or undefined. */
function parseDate(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return realDate(y, mo, d) ? Date.UTC(y, mo - 1, d) : undefined;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration (years as 365 days, months as 30). */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  const days = n(1) * 365 + n(2) * 30 + n(3) * 7 + n(4);
  return ((days * 24 + n(5)) * 60 + n(6)) * 60_000 + n(7) * 1000;
}

/** A window in which a start may lie, [from, to] in ms; `exact` for a bare instant (start at that moment). */
export interface Window {
  from: number;
  to: number;
  exact: boolean;
}

/**
 * One requested start range (spec/03 §3.6) as a window, or why it is not one. A bare instant is that moment;
 * a bare date is the whole day in UTC (= <date>/P1D); a date starting an interval is its first moment and a
 * date ending one its last (EB-SCH-11, EB-SCH-03).
 */
export function parseWindow(text: string): Window | string {
  const [a, b, extra] = text.split('/');
  if (a === undefined || extra !== undefined) return `start ${text} is not an instant, a date or an interval`;
  const day = parseDate(a);
  const from = day ?? parseInstant(a);
  if (from === undefined) return `start ${a} is not a real calendar date or instant`;
  if (b === undefined)
    return day === undefined ? { from, to: from, exact: true } : { from, to: from + DAY, exact: false };
  if (b.startsWith('P')) {
    const d = parseDuration(b);
    if (d === undefined || d === 0) return `duration ${b} of the start interval is empty or malformed`;
    return { from, to: from + d, exact: false };
  }
  const endDay = parseDate(b);
  const to = endDay === undefined ? parseInstant(b) : endDay + DAY; // a date as the end: the end of that day
  if (to === undefined) return `end ${b} is not a real calendar date or instant`;
  if (to < from) return `end ${b} is before start ${a}`;
  return { from, to, exact: false };
}

/** The requested start (one range or a list of them, EB-SCH-12) as windows in order, or why not. */
export function parseStarts(start: unknown): Window[] | string {
  const ranges = Array.isArray(start) ? start : [start];
  const out: Window[] = [];
  for (const r of ranges) {
    if (typeof r !== 'string') return 'a start range is a string';
    const w = parseWindow(r);
    if (typeof w === 'string') return w;
    out.push(w);
  }
  return out.sort((x, y) => x.from - y.from);
}

function nameOf(c: unknown): string | undefined {
  if (!isRecord(c) || !isRecord(c.meta)) return undefined;
  return typeof c.meta.name === 'string' ? c.meta.name : undefined;
}
function uuidOf(c: unknown): string | undefined {
  if (!isRecord(c) || !isRecord(c.meta)) return undefined;
  return typeof c.meta.uuid === 'string' ? c.meta.uuid : undefined;
}
function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** EB-REF-07: inputs link to data or storage, outputs to storage; names unique; env a variable name. */
function parameterFindings(exe: unknown, dataIds: Set<string>, storageIds: Set<string>, out: Finding[]): void {
  if (!isRecord(exe)) return;
  const names = new Map<string, string>();
  for (const side of ['inputs', 'outputs'] as const) {
    list(exe[side]).forEach((p, i) => {
      if (!isRecord(p)) return;
      const pointer = `/executable/${side}/${i}`;
      if (typeof p.name === 'string') {
        const first = names.get(p.name);
        if (first !== undefined)
          out.push({
            requirement: 'EB-REF-07',
            pointer: `${pointer}/name`,
            message: `parameter name ${p.name} is already used at ${first}`,
          });
        else names.set(p.name, pointer);
      }
      if (typeof p.resource === 'string') {
        const ok = storageIds.has(p.resource) || (side === 'inputs' && dataIds.has(p.resource));
        if (!ok)
          out.push({
            requirement: 'EB-REF-07',
            pointer: `${pointer}/resource`,
            message: `${side === 'inputs' ? 'input' : 'output'} ${String(p.name)} names ${p.resource}, which is no ${side === 'inputs' ? 'data or storage' : 'storage'} resource of the request`,
          });
      }
      if (typeof p.env === 'string' && !ENV_NAME.test(p.env))
        out.push({
          requirement: 'EB-REF-07',
          pointer: `${pointer}/env`,
          message: `env ${p.env} is not an environment variable name`,
        });
    });
  }
}

/** EB-REF-01..05, EB-SCH-08, EB-DM-05 on a request that already passed the schema. */
function referenceFindings(req: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const storage = list(req.storage);
  const data = list(req.data);
  const compute = req.compute;
  const volumes = isRecord(compute) ? list(compute.volumes) : [];
  const named: [string, unknown][] = [
    ['/executable', req.executable],
    ['/compute', compute],
    ...storage.map((s, i): [string, unknown] => [`/storage/${i}`, s]),
    ...data.map((d, i): [string, unknown] => [`/data/${i}`, d]),
    ...volumes.map((v, i): [string, unknown] => [`/compute/volumes/${i}`, v]),
  ];
  const seen = new Map<string, string>();
  for (const [pointer, c] of named) {
    const n = nameOf(c);
    if (n === undefined) continue;
    const first = seen.get(n);
    if (first !== undefined) {
      const isVolume = pointer.includes('/volumes/') && first.includes('/volumes/');
      out.push({
        requirement: isVolume ? 'EB-REF-02' : 'EB-REF-05',
        pointer: `${pointer}/meta/name`,
        message: `name ${n} is already used at ${first}`,
      });
    } else seen.set(n, pointer);
  }
  const ids = (cs: unknown[]): Set<string> =>
    new Set(cs.flatMap((c) => [nameOf(c), uuidOf(c)].filter((x): x is string => x !== undefined)));
  const storageIds = ids(storage);
  const dataIds = ids(data);
  volumes.forEach((v, i) => {
    if (!isRecord(v) || typeof v.resource !== 'string') return;
    const hits = (storageIds.has(v.resource) ? 1 : 0) + (dataIds.has(v.resource) ? 1 : 0);
    if (hits !== 1)
      out.push({
        requirement: 'EB-REF-03',
        pointer: `/compute/volumes/${i}/resource`,
        message: `volume resource ${v.resource} names ${hits === 0 ? 'no' : 'more than one'} data or storage resource`,
      });
  });
  data.forEach((d, i) => {
    if (isRecord(d) && typeof d.storage === 'string' && !storageIds.has(d.storage)) {
      out.push({
        requirement: 'EB-REF-04',
        pointer: `/data/${i}/storage`,
        message: `data names storage ${d.storage}, which the request does not hold`,
      });
    }
  });
  storage.forEach((s, i) => {
    if (!isRecord(s)) return;
    list(s.data).forEach((ref, j) => {
      if (typeof ref === 'string' && !dataIds.has(ref))
        out.push({
          requirement: 'EB-REF-04',
          pointer: `/storage/${i}/data/${j}`,
          message: `storage lists data ${ref}, which the request does not hold`,
        });
    });
  });
  parameterFindings(req.executable, dataIds, storageIds, out);
  storage.forEach((s, i) => {
    if (!isRecord(s) || s.lifecycle !== 'unmanaged') return;
    if (typeof s.location !== 'string')
      out.push({ requirement: 'EB-DM-12', pointer: `/storage/${i}`, message: 'unmanaged storage names its location' });
    if (s.lifetime !== undefined)
      out.push({
        requirement: 'EB-DM-12',
        pointer: `/storage/${i}/lifetime`,
        message: "unmanaged storage has no lifetime: it is not the broker's to set",
      });
  });
  const requested = isRecord(req.schedule) && isRecord(req.schedule.requested) ? req.schedule.requested : undefined;
  if (requested && requested.start !== undefined) {
    const w = parseStarts(requested.start);
    if (typeof w === 'string')
      out.push({
        requirement: w.includes('calendar') ? 'EB-DM-05' : 'EB-SCH-08',
        pointer: '/schedule/requested/start',
        message: w,
      });
  }
  if (requested && typeof requested.duration === 'string' && parseDuration(requested.duration) === 0) {
    out.push({
      requirement: 'EB-SCH-08',
      pointer: '/schedule/requested/duration',
      message: 'the requested duration is empty',
    });
  }
  return out;
}

/** Every finding that makes a request unprocessable (422). */
export function validateRequest(doc: unknown): Finding[] {
  const v = validators().request;
  if (!isRecord(doc)) return [{ requirement: 'EB-DM-09', pointer: '/', message: 'an execution request is an object' }];
  if (!v(doc)) return schemaFindings(v.errors);
  const out = referenceFindings(doc);
  minMaxFindings(doc, '', out);
  return out;
}

/** Every finding that makes an update unprocessable (422). */
export function validateUpdate(doc: unknown): Finding[] {
  const v = validators().update;
  if (!isRecord(doc)) return [{ requirement: 'EB-DM-09', pointer: '/', message: 'an update is an object' }];
  if (!v(doc)) return schemaFindings(v.errors);
  const out: Finding[] = [];
  if (typeof doc.kind === 'string' && doc.kind.endsWith('-delta-update')) {
    if (!('delta' in doc))
      out.push({ requirement: 'EB-UPD-05', pointer: '/', message: 'an integer delta update needs delta' });
  } else if (!('value' in doc)) out.push({ requirement: 'EB-UPD-05', pointer: '/', message: 'an update needs value' });
  if (typeof doc.path !== 'string')
    out.push({ requirement: 'EB-UPD-05', pointer: '/', message: 'an update needs path' });
  return out;
}

export type { Json };
