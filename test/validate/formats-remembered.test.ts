/**
 * The generated validators remember the verdicts of the `uri` and `date-time` formats (scripts/gen-validators.ts,
 * FORMATS_PRELUDE). Remembering must never change a verdict: each string here is checked through a generated
 * validator, first and again (the second answer comes from the table), and compared with ajv-formats' own check
 * (date-time narrowed to RFC 3339's form, as the XSD's xs:dateTime is).
 */
import { describe, expect, it } from 'vitest';
import formatsPkg from 'ajv-formats/dist/formats.js';
import * as generated from '../../src/validate/generated/validators.js';
import { RFC3339_DATE_TIME } from '../../scripts/gen-validators.js';

const { fullFormats } = formatsPkg;
const isUri = fullFormats.uri as (s: string) => boolean;
const isDateTime = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

/** The formats the offer set validator found wrong in meta.url and meta.created. */
function formatErrors(url: string, created: string): string[] {
  const ok = generated.offerset({ meta: { url, created }, result: 'NO' });
  const errors = ok ? [] : (generated.offerset.errors ?? []);
  return errors.filter((e) => e.keyword === 'format').map((e) => String(e.params['format']));
}

const expected = (url: string, created: string): string[] => [
  ...(isUri(url) ? [] : ['uri']),
  ...(RFC3339_DATE_TIME.test(created) && isDateTime(created) ? [] : ['date-time']),
];

const URIS = [
  'https://broker.example/eb/sessions/0d6e1c5a-6f1e-4f7e-9a56-1c2b3d4e5f60',
  'http://[::1]:8080/x',
  'urn:uuid:0d6e1c5a-6f1e-4f7e-9a56-1c2b3d4e5f60',
  'ivo://example.org/eb',
  'not a uri',
  'http://exa mple.org/',
  '',
  '/relative/only',
  'http://example.org/%zz',
  `https://long.example/${'a'.repeat(600)}`,
  `https://long.example/${'a'.repeat(600)} space`,
];
const TIMES = [
  '2026-12-02T17:16:18Z',
  '2026-12-02T17:16:18.123+01:00',
  '2026-12-02t17:16:18z',
  '2016-12-31T23:59:60Z',
  '2026-12-31T12:59:60Z',
  '2024-02-29T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2026-12-02 17:16:18Z',
  '2026-12-02T25:00:00Z',
  '2026-12-02',
  `2026-12-02T17:16:18.${'1'.repeat(600)}Z`,
  '2026-12-02T17:16:18+0000',
  '2026-12-02T17:16:18+00',
  '2026-12-02T17:16Z',
];

describe('remembered format verdicts', () => {
  it('equal ajv-formats for every string, on the first check and on the remembered one', () => {
    for (const url of URIS)
      for (const created of TIMES) {
        const want = expected(url, created);
        expect(formatErrors(url, created), `${url} / ${created}`).toEqual(want);
        expect(formatErrors(url, created), `again: ${url} / ${created}`).toEqual(want);
      }
  });

  it('a date-time is RFC 3339 as xs:dateTime reads it: ajv-formats takes these forms, the schema does not', () => {
    const url = URIS[0]!;
    // Each is one xs:dateTime refuses too: the JSON and XML forms of a document get one verdict.
    for (const created of [
      '2026-12-02T17:16:18+0000',
      '2026-12-02T17:16:18+00',
      '2026-12-02 17:16:18Z',
      '2026-12-02t17:16:18z',
      '2016-12-31T23:59:60Z',
    ]) {
      expect(isDateTime(created), created).toBe(true);
      expect(formatErrors(url, created), created).toEqual(['date-time']);
    }
    for (const created of ['2026-12-02T17:16:18.5-08:00', '2026-12-02T17:16:18Z'])
      expect(formatErrors(url, created), created).toEqual([]);
  });

  it('stay right once the table has been emptied for being full', () => {
    for (let i = 0; i < 5000; i++) formatErrors(`https://many.example/${i}`, '2026-12-02T17:16:18Z');
    for (const url of URIS)
      expect(formatErrors(url, '2026-02-29T00:00:00Z')).toEqual(expected(url, '2026-02-29T00:00:00Z'));
  });

  it('still refuse a value that is not a string where the schema asks for one', () => {
    expect(generated.offerset({ meta: { url: 42, created: '2026-12-02T17:16:18Z' }, result: 'NO' })).toBe(false);
    expect(generated.offerset.errors?.some((e) => e.keyword === 'type' && e.instancePath === '/meta/url')).toBe(true);
  });
});
