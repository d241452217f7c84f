import { describe, expect, it } from 'vitest';
import { newUuid } from '../../src/broker/uuid.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newUuid', () => {
  it('is a canonical UUIDv7 (RFC 9562): version 7, variant 10', () => {
    for (let i = 0; i < 200; i++) expect(newUuid()).toMatch(V7);
  });

  it('carries the millisecond timestamp in its first 48 bits', () => {
    const at = Date.UTC(2026, 7, 14, 10, 55, 0, 123);
    const u = newUuid(at);
    expect(parseInt(u.slice(0, 8) + u.slice(9, 13), 16)).toBe(at);
    expect(newUuid(0).startsWith('00000000-0000-7')).toBe(true);
  });

  it('sorts as text in creation order across milliseconds (index keys append)', () => {
    const made = Array.from({ length: 50 }, (_, i) => newUuid(1_700_000_000_000 + i * 7));
    expect([...made].sort()).toEqual(made);
  });

  it('keeps 74 random bits: no repeats within one millisecond', () => {
    const same = new Set(Array.from({ length: 10_000 }, () => newUuid(1_700_000_000_000)));
    expect(same.size).toBe(10_000);
  });
});
