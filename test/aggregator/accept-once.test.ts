/**
 * Accepting one offer many times at once through the aggregator: one acceptance is forwarded, and only it is
 * answered 200; every other one is an acceptance of an accepted session, 409 (EB-LIFE-10), as a broker answers it.
 * The lower broker is slowed on updates so the acceptances certainly overlap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { createBroker } from '../../src/broker/index.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import { accept, aggregatorOver, call } from './helpers.js';

type Obj = Record<string, unknown>;

let broker: ReturnType<typeof createBroker>;
let agg: RunningAggregator;
beforeAll(async () => {
  broker = createBroker({ db: ':memory:' });
  broker.app.addHook('onRequest', async (req) => {
    if (req.method === 'POST' && req.url.startsWith('/sessions/')) await new Promise((r) => setTimeout(r, 150));
  });
  const url = await broker.listen({ port: 0, host: '127.0.0.1' });
  agg = await aggregatorOver([{ name: 'slow', url }]);
});
afterAll(async () => {
  await agg?.close();
  await broker?.close();
});

describe('concurrent acceptances of one offer through the aggregator', () => {
  it('answer 200 once and 409 UPDATE_NOT_OFFERED to every other (EB-LIFE-10)', async () => {
    const set = (await call(`${agg.url}/requests`, 'POST', executionRequest())).value;
    const url = String(((set.offers as Obj[])[0]!.meta as Obj).url);
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(url, 'POST', accept('ACCEPTED'))));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.value.code).toBe('UPDATE_NOT_OFFERED');
  });
});
