/**
 * A request breaking more rules than a result lists is refused with the whole count, and says how many are listed:
 * "breaks 1000 rules" for 5000 bad items understated it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import { MAX_FINDINGS } from '../../src/validate/index.js';
import { KINDS } from '../../src/model/index.js';

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startBroker({ db: ':memory:' });
});
afterAll(async () => broker?.close());

describe('an invalid request with more errors than a result lists', () => {
  it('is refused 422 with the whole count and the number listed', async () => {
    const request = {
      executable: { kind: KINDS.JupyterNotebook, location: 'https://example.org/q.ipynb' },
      data: Array.from({ length: 5000 }, () => ({ kind: 1 })),
    };
    const res = await fetch(`${broker.url}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
      redirect: 'manual',
    });
    expect(res.status).toBe(422);
    const doc = (await res.json()) as { message: string; messages: unknown[] };
    const m = /^The request breaks (\d+) rules of the standard \(the first (\d+) are listed\)\.$/.exec(doc.message);
    expect(m, doc.message).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(5000);
    expect(Number(m![2])).toBe(MAX_FINDINGS);
    expect(doc.messages.length).toBeLessThanOrEqual(MAX_FINDINGS + 1);
  });
});
