/**
 * Content negotiation (EB-HTTP-03, EB-HTTP-04, EB-HTTP-12, EB-HTTP-13).
 * Hand-written because the rule differs from a generic negotiator: YAML wins
 * ties, and a body's structured-syntax suffix (+json, +yaml, +xml) names its
 * format. In Accept a suffix names no format: `application/problem+json` is a
 * type of its own, which a plain JSON answer is not (RFC 9110 §12.5.1), so it
 * gets 406 rather than an answer labelled with a type the client did not list.
 */
import { FORMAT_MEDIA_TYPES, FORMAT_PREFERENCE, formatOfMediaType, type Format } from './media-types.js';

interface Range {
  type: string;
  subtype: string;
  q: number;
}

/** Splits a header on commas that are not inside quoted parameter values. */
function splitList(header: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i]!;
    if (c === '"') quoted = !quoted;
    if (c === '\\' && quoted) {
      cur += c + (header[++i] ?? '');
      continue;
    }
    if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * RFC 9110's qvalue (§12.4.2: 0 to 1, at most three decimals), read leniently in one way only: Java's URLConnection
 * sends `q=.2`, and a client that does must not get 406 for a range it meant. Anything else (`q=1.5`, `q=0.1234`,
 * `q=high`) is not a qvalue and drops its range, as RFC 9110 lets a recipient ignore an invalid element; reading
 * 1.5 as 1 would guess at what a broken client meant, and the guess would differ from one server to the next.
 */
function qvalue(text: string): number | undefined {
  return /^(0(\.\d{0,3})?|1(\.0{0,3})?|\.\d{1,3})$/.test(text) ? Number(text) : undefined;
}

/** A range as `parseAccept` reads it, or the text of the q that made it unreadable. */
type ParsedRange = Range | { badQ: string };

function parseAccept(header: string): Range[] {
  return parseRanges(header).filter((r): r is Range => !('badQ' in r));
}

/**
 * The q values of an Accept header that are not qvalues (`1.5` of `application/json;q=1.5`): each dropped its
 * range, which a 406 should say, since the type itself could have been produced.
 */
export function invalidQualities(accept: string | undefined): string[] {
  if (accept === undefined) return [];
  return parseRanges(accept).flatMap((r) => ('badQ' in r ? [r.badQ] : []));
}

function parseRanges(header: string): ParsedRange[] {
  const ranges: ParsedRange[] = [];
  for (const part of splitList(header)) {
    const [mt, ...params] = part.split(';').map((s) => s.trim());
    if (!mt) continue;
    const m = /^([a-z0-9!#$%&'*+.^_`|~-]+)\/([a-z0-9!#$%&'*+.^_`|~-]+)$/i.exec(mt);
    if (!m) continue; // a malformed range is ignored, as RFC 9110 lets a recipient do
    let q = 1;
    let bad: string | undefined;
    for (const p of params) {
      const eq = p.indexOf('=');
      if (eq === -1) continue;
      if (p.slice(0, eq).trim().toLowerCase() !== 'q') continue;
      const text = p.slice(eq + 1).trim();
      const v = qvalue(text);
      if (v === undefined) bad ??= text;
      else q = v;
    }
    if (bad !== undefined) {
      ranges.push({ badQ: bad });
      continue;
    }
    const type = m[1]!.toLowerCase();
    const subtype = m[2]!.toLowerCase();
    if (type === '*' && subtype !== '*') continue;
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** Specificity with which a range matches a media type: 3 exact, 1 type/*, 0 wildcard, -1 none. */
function specificity(range: Range, mediaType: string): number {
  const [type, subtype] = mediaType.split('/') as [string, string];
  if (range.type === '*' && range.subtype === '*') return 0;
  if (range.type !== type) {
    return -1;
  }
  if (range.subtype === '*') return 1;
  return range.subtype === subtype ? 3 : -1;
}

/** Quality of one media type: that of the most specific range matching it (RFC 9110 §12.5.1). */
function rateName(ranges: readonly Range[], mediaType: string): { q: number; s: number } {
  let rated = { q: 0, s: -1 };
  for (const r of ranges) {
    const s = specificity(r, mediaType);
    if (s > rated.s || (s === rated.s && s >= 0 && r.q > rated.q)) rated = { q: r.q, s };
  }
  return rated;
}

/**
 * Quality and specificity of a format: the most specific range naming any of its names decides, so
 * `application/yaml;q=0, *\/*` refuses YAML though `*\/*` would allow text/yaml (a client naming a format
 * means the format).
 */
function rate(ranges: readonly Range[], format: Format): { q: number; s: number } {
  let best = { q: 0, s: -1 };
  for (const mediaType of FORMAT_MEDIA_TYPES[format]) {
    const rated = rateName(ranges, mediaType);
    if (rated.s > best.s || (rated.s === best.s && rated.q > best.q)) best = rated;
  }
  return best;
}

/**
 * The response format for an Accept header. No header, `*\/*`, or YAML tied
 * with another format ⇒ YAML (EB-HTTP-03). A format named explicitly beats one
 * reached only through a wildcard at the same q. Undefined ⇒ answer 406.
 * A header with no readable range is disregarded (YAML), as RFC 9110 §12.5.1
 * allows; one whose every range was dropped for its q (`application/json;q=1.5`)
 * did name types, so it gets 406, saying why, not a type it did not list.
 */
export function negotiateResponseFormat(accept: string | undefined): Format | undefined {
  if (accept === undefined || accept.trim() === '') return 'yaml';
  const parsed = parseRanges(accept);
  const ranges = parsed.filter((r): r is Range => !('badQ' in r));
  if (parsed.length === 0) return 'yaml';
  let best: { f: Format; q: number; s: number } | undefined;
  for (const f of FORMAT_PREFERENCE) {
    const { q, s } = rate(ranges, f);
    if (q <= 0) continue;
    // Candidates are visited in preference order, so a tie keeps the earlier (YAML first).
    if (!best || q > best.q || (q === best.q && s > best.s && !(s >= 3 && best.s >= 3))) best = { f, q, s };
  }
  return best?.f;
}

/**
 * The media type to label an answer in `format` with, when Accept reached the format through one of its other
 * names: `text/*` or `text/yaml` gets `text/yaml`, `text/xml` gets `text/xml`, as a client asked (RFC 9110
 * §12.5.1: the answer's type must be one Accept allows). Undefined ⇒ the format's own type (application/…).
 */
export function responseMediaType(accept: string | undefined, format: Format): string | undefined {
  if (accept === undefined) return undefined;
  const ranges = parseAccept(accept);
  const names = FORMAT_MEDIA_TYPES[format];
  // The best-rated name wins, the format's own type on ties.
  let best: { mediaType: string; q: number } | undefined;
  for (const mediaType of names) {
    const { q } = rateName(ranges, mediaType);
    if (q > 0 && (!best || q > best.q)) best = { mediaType, q };
  }
  return best === undefined || best.mediaType === names[0] ? undefined : best.mediaType;
}

/**
 * The format of a request body from its Content-Type. Missing ⇒ YAML
 * (EB-HTTP-03); parameters such as charset are ignored here; anything else is
 * 'unsupported' (⇒ 415, EB-HTTP-13).
 */
export function formatFromContentType(contentType: string | undefined): Format | undefined | 'unsupported' {
  if (contentType === undefined || contentType.trim() === '') return 'yaml';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  return formatOfMediaType(mediaType) ?? 'unsupported';
}
