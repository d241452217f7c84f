/**
 * A lower broker that answers with thousands of bad offers (EB-FED-09): the aggregator reads at most
 * OFFERS_READ_PER_BROKER of them, names at most RELAYED_PER_BROKER drops one by one and counts the rest in one
 * message, so its own answer stays small whatever comes from below.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFERS_READ_PER_BROKER, RELAYED_PER_BROKER } from '../../src/aggregator/messages.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { aggregatorOver, call, messagesOf } from './helpers.js';

const SENT = 5000;
let server: Server;
let agg: RunningAggregator;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const base = `http://${req.headers.host ?? ''}`;
    const offers = Array.from({ length: SENT }, (_, i) => ({ kind: 1, meta: { url: `${base}/sessions/${i}` } }));
    res.writeHead(303, { 'content-type': 'application/json', location: `${base}/offersets/x` });
    res.end(JSON.stringify({ result: 'YES', offers }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agg = await aggregatorOver([{ name: 'flood', url }]);
});
afterAll(async () => {
  await agg?.close();
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
});

describe('a lower broker flooding the aggregator with bad offers', () => {
  it('is read up to the limit, its drops named up to the limit and counted after it; the answer stays small', async () => {
    const res = await call(`${agg.url}/requests`, 'POST', executionRequest());
    expect(res.value.result).toBe('NO');
    const msgs = messagesOf(res.value).filter((m) => m.values.broker === 'flood');
    expect(msgs.find((m) => m.message.startsWith('Broker flood sent'))?.message).toBe(
      `Broker flood sent ${SENT} offers; only the first ${OFFERS_READ_PER_BROKER} were read (the rest are left to expire there).`,
    );
    const named = msgs.filter((m) => m.message.startsWith('An offer of broker flood was dropped'));
    expect(named).toHaveLength(RELAYED_PER_BROKER);
    expect(msgs.find((m) => m.message.includes('more offers dropped'))?.message).toBe(
      `Broker flood had ${OFFERS_READ_PER_BROKER - RELAYED_PER_BROKER} more offers dropped, not each named here.`,
    );
    expect(msgs.length).toBeLessThanOrEqual(RELAYED_PER_BROKER + 4);
    expect(res.text.length).toBeLessThan(32 * 1024);
  });
});
