import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from '../../conformance/embedded.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import type { RunningBroker } from '../../src/broker/index.js';
import { ENDPOINT_METHODS } from '../../src/model/index.js';
import { aggregatorOver, call } from './helpers.js';

describe('aggregator methods: the same table as the broker (src/model/endpoints.ts)', () => {
  let broker: RunningBroker;
  let agg: RunningAggregator;
  beforeAll(async () => {
    broker = await startEmbeddedBroker();
    agg = await aggregatorOver([{ name: 'east', url: broker.url }]);
  });
  afterAll(async () => {
    await agg?.close();
    await broker?.close();
  });

  it('answers OPTIONS with 204 and Allow, and a CORS preflight with the methods and headers', async () => {
    const plain = await call(`${agg.url}/requests`, 'OPTIONS');
    expect(plain.status).toBe(204);
    expect(plain.headers['allow']).toBe(ENDPOINT_METHODS['/requests']?.join(', '));
    expect(plain.headers['access-control-allow-methods']).toBeUndefined();
    const preflight = await call(`${agg.url}/requests`, 'OPTIONS', undefined, { origin: 'https://example.org' });
    expect(preflight.headers['access-control-allow-methods']).toBe('POST, OPTIONS');
    expect(preflight.headers['access-control-allow-headers']).toBe('Content-Type, Accept, Authorization, Prefer');
  });

  it('answers a method an endpoint does not allow with 405 and Allow', async () => {
    const r = await call(`${agg.url}/requests`, 'DELETE');
    expect(r.status).toBe(405);
    expect(r.headers['allow']).toBe('POST, OPTIONS');
  });
});
