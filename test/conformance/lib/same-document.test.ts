/** compareReadings: two forms of one resource agree where both carry a member; instants as instants. */
import { describe, expect, it } from 'vitest';
import { compareReadings } from '../../../conformance/lib/same-document.js';

describe('compareReadings', () => {
  it('finds a value that differs, an item count that differs and a value of another shape, each at its pointer', () => {
    const json = { compute: { memory: { min: 2 } }, messages: [{ a: 1 }, { a: 2 }], phase: 'OFFERED', x: { y: 1 } };
    const xml = { compute: { memory: { min: 1 } }, messages: [{ a: 1 }], phase: 'OFFERED', x: 'y' };
    expect(compareReadings(json, xml).disagreements).toEqual([
      { pointer: '/compute/memory/min', first: '2', second: '1' },
      { pointer: '/messages', first: '2 item(s)', second: '1 item(s)' },
      { pointer: '/x', first: '{"y":1}', second: '"y"' },
    ]);
  });

  it('takes the same instant written two ways as one, and tells instants a microsecond apart', () => {
    expect(
      compareReadings({ t: '2026-08-14T11:00:00Z' }, { t: '2026-08-14T11:00:00.000+00:00' }).disagreements,
    ).toEqual([]);
    expect(compareReadings({ t: '2026-08-14T12:00:00+01:00' }, { t: '2026-08-14T11:00:00Z' }).disagreements).toEqual(
      [],
    );
    expect(
      compareReadings({ t: '2026-08-14T11:00:00.000001Z' }, { t: '2026-08-14T11:00:00Z' }).disagreements,
    ).toHaveLength(1);
    // Durations by value (Java's xs:duration writer spells every field), intervals part by part, other text as text.
    expect(compareReadings({ d: 'PT1H' }, { d: 'PT60M' }).disagreements).toEqual([]);
    expect(compareReadings({ d: 'PT1H' }, { d: 'P0Y0M0DT1H0M0.000S' }).disagreements).toEqual([]);
    expect(compareReadings({ d: 'PT1H' }, { d: 'PT1H0.001S' }).disagreements).toHaveLength(1);
    expect(compareReadings({ d: 'P1M' }, { d: 'P30D' }).disagreements).toHaveLength(1);
    expect(
      compareReadings({ s: '2026-08-14T11:00:00Z/PT1H' }, { s: '2026-08-14T11:00:00+00:00/PT60M' }).disagreements,
    ).toEqual([]);
    expect(
      compareReadings({ s: '2026-08-14T11:00:00Z/PT1H' }, { s: '2026-08-14T11:00:00Z/PT2H' }).disagreements,
    ).toHaveLength(1);
    expect(compareReadings({ n: 'PT1H' }, { n: 'pt1h' }).disagreements).toHaveLength(1);
  });

  it('counts a member only the first carries without judging it, and skips an empty list or null there', () => {
    const r = compareReadings({ _links: { self: 'u' }, messages: [], note: null, a: 1 }, { a: 1 });
    expect(r.disagreements).toEqual([]);
    expect(r.onlyFirst).toEqual(['/_links']);
  });

  it('escapes a member name in a pointer and stops listing at 20', () => {
    expect(compareReadings({ 'a/b': 1 }, { 'a/b': 2 }).disagreements[0]?.pointer).toBe('/a~1b');
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const other = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, -i - 1]));
    expect(compareReadings(many, other).disagreements).toHaveLength(20);
  });
});
