/**
 * Content negotiation of the independent broker (spec/06 §6.1): YAML and JSON in and out, YAML by default,
 * no XML (an XML body is 415, an Accept of only XML is 406), every answer labelled with what it carries.
 */
import type { ServerResponse } from 'node:http';
import { parseDocument, stringify } from 'yaml';

export type Format = 'yaml' | 'json';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
const JSON_TYPES = ['application/json'];

/** The chosen format and the exact media type to label it with. */
export interface Chosen {
  format: Format;
  type: string;
}

interface Range {
  type: string;
  sub: string;
  q: number;
}

function ranges(accept: string): Range[] {
  const out: Range[] = [];
  for (const part of accept.split(',')) {
    const [media, ...params] = part.trim().split(';');
    const [type, sub] = (media ?? '').trim().toLowerCase().split('/');
    if (!type || !sub) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k?.trim().toLowerCase() === 'q') q = Number(v);
    }
    out.push({ type, sub, q: Number.isFinite(q) ? q : 0 });
  }
  return out;
}

/** Quality of one media type under the Accept ranges: the most specific matching range wins (RFC 9110 §12.5.1). */
function quality(media: string, rs: Range[]): number {
  const [type, sub] = media.split('/');
  let best: { spec: number; q: number } | undefined;
  for (const r of rs) {
    const spec =
      r.type === type && r.sub === sub
        ? 3
        : r.type === type && r.sub === '*'
          ? 2
          : r.type === '*' && r.sub === '*'
            ? 1
            : 0;
    if (spec > 0 && (!best || spec > best.spec)) best = { spec, q: r.q };
  }
  return best?.q ?? 0;
}

/**
 * The answer format for an Accept header, or undefined when nothing we write satisfies it (406).
 * No Accept, or YAML and JSON equally acceptable, gives YAML (EB-HTTP-03).
 */
export function negotiate(accept: string | undefined, defaultFormat: Format = 'yaml'): Chosen | undefined {
  if (accept === undefined || accept.trim() === '')
    return defaultFormat === 'yaml'
      ? { format: 'yaml', type: 'application/yaml' }
      : { format: 'json', type: 'application/json' };
  const rs = ranges(accept);
  let yaml = { q: 0, type: 'application/yaml' };
  for (const t of YAML_TYPES) {
    const q = quality(t, rs);
    const exact = rs.some((r) => `${r.type}/${r.sub}` === t);
    if (q > yaml.q || (q === yaml.q && q > 0 && exact)) yaml = { q, type: exact ? t : 'application/yaml' };
  }
  const jsonQ = Math.max(...JSON_TYPES.map((t) => quality(t, rs)));
  if (yaml.q <= 0 && jsonQ <= 0) return undefined;
  if (jsonQ > yaml.q) return { format: 'json', type: 'application/json' };
  if (yaml.q > jsonQ) return { format: 'yaml', type: yaml.type };
  return defaultFormat === 'json' ? { format: 'json', type: 'application/json' } : { format: 'yaml', type: yaml.type };
}

/** How a request body of this Content-Type is read, or 'unsupported' (415). No Content-Type reads YAML. */
export function bodyFormat(contentType: string | undefined): Format | 'unsupported' {
  if (contentType === undefined || contentType.trim() === '') return 'yaml';
  const media = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (YAML_TYPES.includes(media)) return 'yaml';
  if (JSON_TYPES.includes(media) || /^application\/[a-z0-9.+-]+\+json$/.test(media)) return 'json';
  return 'unsupported';
}

export type Parsed = { ok: true; doc: unknown } | { ok: false; why: string };

const MAX_DEPTH = 64;

function depthOk(doc: unknown): boolean {
  const stack: [unknown, number][] = [[doc, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > MAX_DEPTH) return false;
    if (node && typeof node === 'object') for (const v of Object.values(node)) stack.push([v, depth + 1]);
  }
  return true;
}

/** Parses a body; never throws. YAML aliases are capped, nesting is limited, one document only. */
export function parseBody(text: string, format: Format): Parsed {
  try {
    let doc: unknown;
    if (format === 'json') doc = JSON.parse(text) as unknown;
    else {
      const d = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
      if (d.errors.length > 0) return { ok: false, why: d.errors[0]?.message.split('\n')[0] ?? 'not YAML' };
      doc = d.toJS({ maxAliasCount: 20 }) as unknown;
    }
    if (!depthOk(doc)) return { ok: false, why: `nested deeper than ${MAX_DEPTH} levels` };
    return { ok: true, doc };
  } catch (e) {
    return { ok: false, why: e instanceof Error ? (e.message.split('\n')[0] ?? 'unreadable') : 'unreadable' };
  }
}

/** Writes a document in the chosen format, labelled with its media type. */
export function sendDoc(
  res: ServerResponse,
  status: number,
  doc: unknown,
  chosen: Chosen,
  headers: Record<string, string> = {},
): void {
  const body = chosen.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { lineWidth: 0 });
  res.writeHead(status, {
    ...headers,
    'Content-Type': `${chosen.type}; charset=utf-8`,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
