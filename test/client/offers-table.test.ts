import { describe, expect, it } from 'vitest';
import { shortOfferUrl } from '../../src/client/index.js';
import { newUuid } from '../../src/broker/uuid.js';

describe('shortOfferUrl', () => {
  it('tells apart offers made in the same instant (UUIDv7 share their leading timestamp)', () => {
    const now = Date.now();
    const urls = Array.from({ length: 6 }, () => `http://127.0.0.1:8081/sessions/${newUuid(now)}`);
    expect(new Set(urls.map((u) => u.split('/').pop()!.slice(0, 8))).size).toBe(1);
    const short = urls.map(shortOfferUrl);
    expect(new Set(short).size).toBe(urls.length);
    for (const [i, s] of short.entries()) expect(s).toBe(`/sessions/${urls[i]!.slice(-8)}`);
  });

  it('keeps a short last segment, and a text that is not a URL, as they are', () => {
    expect(shortOfferUrl('https://b.example/eb/sessions/s-12')).toBe('/eb/sessions/s-12');
    expect(shortOfferUrl('not a url')).toBe('not a url');
  });
});
