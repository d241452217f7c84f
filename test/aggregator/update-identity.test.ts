/**
 * EB-UPD-07 at the aggregator: an update naming another session than its URL is refused before it is forwarded,
 * and one naming the aggregator's own session reaches the lower broker without that identifier (the lower
 * broker's session has another uuid, and it too refuses an update naming another).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { createBroker } from '../../src/broker/index.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import { accept, aggregatorOver, call } from './helpers.js';

type Obj = Record<string, unknown>;
const OTHER = '00000000-0000-0000-0000-000000000000';

let broker: ReturnType<typeof createBroker>;
let agg: RunningAggregator;
/** Updates that reached the lower broker. */
let forwarded = 0;
beforeAll(async () => {
  broker = createBroker({ db: ':memory:' });
  broker.app.addHook('onRequest', async (req) => {
    if (req.method === 'POST' && req.url.startsWith('/sessions/')) forwarded++;
  });
  const url = await broker.listen({ port: 0, host: '127.0.0.1' });
  agg = await aggregatorOver([{ name: 'east', url }]);
});
afterAll(async () => {
  await agg?.close();
  await broker?.close();
});

async function offer(): Promise<{ url: string; uuid: string }> {
  const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
  const meta = (set.offers as Obj[])[0]!.meta as Obj;
  return { url: String(meta.url), uuid: String(meta.uuid) };
}

describe('an update through the aggregator naming a session (EB-UPD-07)', () => {
  for (const [name, extra] of [
    ['uuid', { uuid: OTHER }],
    ['meta.uuid', { meta: { uuid: OTHER } }],
  ] as const) {
    it(`naming another one (${name}) is refused with 422 INVALID_DOCUMENT and not forwarded`, async () => {
      const { url, uuid } = await offer();
      const before = forwarded;
      const r = await call(url, 'POST', { ...accept('REJECTED'), ...extra });
      expect(r.status).toBe(422);
      expect(r.value).toMatchObject({ status: 422, error: 'UNPROCESSABLE_CONTENT', code: 'INVALID_DOCUMENT' });
      expect(r.value.message).toContain(OTHER);
      expect(r.value.message).toContain(uuid);
      expect(r.value.messages).toEqual([
        expect.objectContaining({
          kind: 'urn:ebkit:finding:EB-UPD-07',
          values: { pointer: `/${name.replace('.', '/')}` },
        }),
      ]);
      expect(forwarded).toBe(before);
      expect((await call(url)).value.phase).toBe('OFFERED');
    });
  }

  it('naming its own session is forwarded without the identifier and applied', async () => {
    const { url, uuid } = await offer();
    const r = await call(url, 'POST', { ...accept('REJECTED'), uuid, meta: { uuid } });
    expect(r.status, r.text).toBe(200);
    expect(r.value.phase).toBe('REJECTED');
  });
});
