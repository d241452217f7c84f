/**
 * The aggregator keeps each proxied session's last document in its store; restarted on the same file under another
 * address (another port, a --public-url), every URL it hands out must be on its current base, as `ebkit serve --db`
 * does: read from below, from the store alone (a broker no longer configured), stale, lost, or in an update's answer.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { isAcceptedPhase } from '../../src/model/index.js';
import { accept, aggregatorOver, brokerList, call, messagesOf, startThree, type Federation } from './helpers.js';

type Obj = Record<string, unknown>;

/** Every string in a document that looks like a URL of a session or an offer set. */
function urlsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/https?:\/\/[^\s'"<>]+?\/(?:sessions|offersets)\/[0-9a-f-]{36}/gi)) out.push(m[0]);
  } else if (Array.isArray(value)) for (const v of value) urlsIn(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) urlsIn(v, out);
  return out;
}

const metaOf = (doc: Obj): Obj => doc.meta as Obj;
const uuidOf = (doc: Obj): string => String(metaOf(doc).uuid);
const offersOf = (set: Obj): Obj[] => set.offers as Obj[];
const brokerOf = (offer: Obj): string | undefined =>
  messagesOf(offer).find((m) => m.kind === 'urn:ebkit:federation:offered-by')?.values.broker;

/** Asserts every aggregator URL in `doc` is on `base`, and its own meta.url names it there. */
function onBase(doc: Obj, base: string, kind: 'sessions' | 'offersets'): void {
  expect(metaOf(doc).url).toBe(`${base}/${kind}/${uuidOf(doc)}`);
  const urls = urlsIn(doc);
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) expect(url.startsWith(`${base}/`), `${url} is not on ${base}`).toBe(true);
}

describe('an aggregator restarted on the same --db under another address', () => {
  let fed: Federation;
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-agg-urls-'));
  const db = join(dir, 'agg.sqlite');
  let oldBase: string;
  /** A set whose offer was accepted and whose siblings were rejected, in the first run. */
  let taken: Obj;
  /** A set left open in the first run, accepted in a later one. */
  let open: Obj;
  /** A set never touched: its offers are still open when their brokers go. */
  let spare: Obj;
  /** A /direct session of the first run, and the FAILED one of a request nothing could serve. */
  let directUuid: string;
  let failedUuid: string;
  let gone: Server | undefined;

  beforeAll(async () => {
    fed = await startThree({ config: { offerLifetime: 120 } });
    const first = await aggregatorOver(brokerList(fed), { db });
    oldBase = first.url;
    try {
      taken = (await call(`${first.url}/requests`, 'POST', executionRequest())).value;
      expect(new Set(offersOf(taken).map(brokerOf))).toEqual(new Set(['east', 'west', 'north']));
      const res = await call(String(metaOf(offersOf(taken)[0]!).url), 'POST', accept('ACCEPTED'));
      expect(res.status, res.text).toBe(200);
      // Read once, so every sibling's rejection is remembered in the store.
      expect((await call(String(metaOf(taken).url))).status).toBe(200);
      open = (await call(`${first.url}/requests`, 'POST', executionRequest())).value;
      spare = (await call(`${first.url}/requests`, 'POST', executionRequest())).value;
      const direct = await call(`${first.url}/direct`, 'POST', executionRequest());
      expect(direct.status, direct.text).toBe(303);
      directUuid = uuidOf(direct.value);
      // More cores than any broker has: nothing is offered, and /direct keeps a FAILED session of its own.
      const none = await call(
        `${first.url}/direct`,
        'POST',
        executionRequest({ cores: { min: 100_000, max: 100_000 } }),
      );
      expect(none.status, none.text).toBe(400);
      failedUuid = uuidOf(none.value);
    } finally {
      await first.close();
    }
  });
  afterAll(async () => {
    if (gone) {
      gone.closeAllConnections();
      await new Promise<void>((done) => gone!.close(() => done()));
    }
    // east and west may have been closed already: each is closed on its own, a second close ignored.
    if (fed) await Promise.all(Object.values(fed.brokers).map((b) => b.close().catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('on another port: the set, its offers, the sessions and an update answer are on the new base', async () => {
    const second = await aggregatorOver(brokerList(fed), { db });
    try {
      expect(second.url).not.toBe(oldBase);
      const base = second.url;
      const set = await call(`${base}/offersets/${uuidOf(taken)}`);
      expect(set.status, set.text).toBe(200);
      onBase(set.value, base, 'offersets');
      for (const offer of offersOf(set.value)) onBase(offer, base, 'sessions');
      for (const offer of offersOf(taken)) {
        const read = await call(`${base}/sessions/${uuidOf(offer)}`);
        expect(read.status).toBe(200);
        onBase(read.value, base, 'sessions');
      }
      const direct = await call(`${base}/sessions/${directUuid}`);
      expect(isAcceptedPhase(direct.value.phase)).toBe(true);
      onBase(direct.value, base, 'sessions');
      const failed = await call(`${base}/sessions/${failedUuid}`);
      expect(failed.value.phase).toBe('FAILED');
      onBase(failed.value, base, 'sessions');
      // An update's answer, and the sibling an acceptance withdraws (it is read afterwards).
      const mine = offersOf(open)[0]!;
      const res = await call(`${base}/sessions/${uuidOf(mine)}`, 'POST', accept('ACCEPTED'));
      expect(res.status, res.text).toBe(200);
      onBase(res.value, base, 'sessions');
      const after = await call(`${base}/offersets/${uuidOf(open)}`);
      onBase(after.value, base, 'offersets');
      for (const offer of offersOf(after.value)) onBase(offer, base, 'sessions');
    } finally {
      await second.close();
    }
  });

  it('under a --public-url: stale, lost and store-only documents are on it too', async () => {
    // north is no longer configured (its sessions are shown from the store alone), west does not answer (stale),
    // and east is replaced by a server that no longer has any session (lost).
    const [east, west, north] = brokerList(fed) as [
      ReturnType<typeof brokerList>[0],
      ReturnType<typeof brokerList>[0],
      ReturnType<typeof brokerList>[0],
    ];
    expect(north.name).toBe('north');
    const eastPort = new URL(east.url).port;
    await fed.brokers.east.close();
    gone = createServer((req, res) => {
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 404, error: 'NOT_FOUND', code: 'UNKNOWN_SESSION', message: 'no such session' }));
    });
    await new Promise<void>((done) => gone!.listen(Number(eastPort), '127.0.0.1', done));
    await fed.brokers.west.close();
    const publicUrl = 'https://agg.example/eb';
    const third = await aggregatorOver([east, west], { db, publicUrl });
    try {
      const kinds = new Set<string>();
      for (const made of [taken, open, spare]) {
        const set = await call(`${third.url}/offersets/${uuidOf(made)}`);
        expect(set.status, set.text).toBe(200);
        onBase(set.value, publicUrl, 'offersets');
        for (const offer of offersOf(set.value)) {
          onBase(offer, publicUrl, 'sessions');
          for (const m of messagesOf(offer)) kinds.add(m.kind);
        }
      }
      expect(kinds).toContain('urn:ebkit:federation:stale');
      expect(kinds).toContain('urn:ebkit:federation:lost');
      for (const offer of [...offersOf(taken), ...offersOf(open), ...offersOf(spare)]) {
        const read = await call(`${third.url}/sessions/${uuidOf(offer)}`);
        expect(read.status).toBe(200);
        onBase(read.value, publicUrl, 'sessions');
        // A lost session is stored as lost: read again (from the store alone), it is still on the public URL.
        const again = await call(`${third.url}/sessions/${uuidOf(offer)}`);
        onBase(again.value, publicUrl, 'sessions');
      }
      onBase((await call(`${third.url}/sessions/${failedUuid}`)).value, publicUrl, 'sessions');
      // A fresh set is made under the public URL too.
      const fresh = await call(`${third.url}/requests`, 'POST', executionRequest());
      expect(String(fresh.headers.location).startsWith(`${publicUrl}/offersets/`)).toBe(true);
    } finally {
      await third.close();
    }
  });
});
