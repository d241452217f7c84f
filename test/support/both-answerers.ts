/**
 * The reference broker and an aggregator over it, started before a file's tests and closed after: the HTTP rules
 * a broker keeps (error documents, methods, media types) are ones the aggregator, being a broker (EB-FED-16), must
 * keep too, so such a file runs each test against both.
 */
import { afterAll, beforeAll } from 'vitest';
import { startAggregator, type RunningAggregator } from '../../src/aggregator/index.js';
import { startBroker, type BrokerOptions, type RunningBroker } from '../../src/broker/index.js';

export interface BothAnswerers {
  /** The running broker (valid inside tests and hooks). */
  broker: () => RunningBroker;
  /** [label, base URL] for describe.each: the broker first, then the aggregator over it. */
  each: (labels?: [string, string]) => [string, () => string][];
}

export function bothAnswerers(options: BrokerOptions = { db: ':memory:' }): BothAnswerers {
  let broker: RunningBroker | undefined;
  let agg: RunningAggregator | undefined;
  beforeAll(async () => {
    broker = await startBroker(options);
    agg = await startAggregator({ db: ':memory:', upstreams: [broker.url] });
  });
  afterAll(async () => {
    await agg?.close();
    await broker?.close();
  });
  const running = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`the ${what} is not started (use it inside a test or hook)`);
    return x;
  };
  return {
    broker: () => running(broker, 'broker'),
    each: ([b, a] = ['broker', 'aggregator']) => [
      [b, () => running(broker, 'broker').url],
      [a, () => running(agg, 'aggregator').url],
    ],
  };
}

/** POST /requests with a body as it is, asking for JSON, its redirect not followed. */
export function postRequest(url: string, contentType: string, body: string | Uint8Array): Promise<Response> {
  return fetch(`${url}/requests`, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/json' },
    body,
    redirect: 'manual',
  });
}
