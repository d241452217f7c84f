/**
 * BrokerClient failures carry the broker's own explanation: the error document's code, its sentence and its first
 * details (a 422 names each problem), so a caller learns why without digging the document out of `response`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerClient } from '../../src/client/index.js';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import { ENUM_UPDATE, executionRequest } from '../../conformance/lib/fixtures.js';

let broker: RunningBroker;
let client: BrokerClient;
beforeAll(async () => {
  broker = await startBroker({ db: ':memory:' });
  client = new BrokerClient(broker.url, { format: 'json' });
});
afterAll(async () => {
  await client.close();
  await broker.close();
});

describe('BrokerClient failure messages', () => {
  it('a second acceptance names 409 UPDATE_NOT_OFFERED and the broker sentence, with the code apart', async () => {
    const set = await client.submit(executionRequest());
    expect(set.ok).toBe(true);
    const url = set.ok ? String(set.value.offers?.[0]?.meta?.url) : '';
    const accept = { kind: ENUM_UPDATE, path: 'phase', value: 'ACCEPTED' };
    expect((await client.update(url, accept)).ok).toBe(true);
    const again = await client.update(url, accept);
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.status).toBe(409);
    expect(again.code).toBe('UPDATE_NOT_OFFERED');
    expect(again.message).toMatch(new RegExp(`^POST ${url}: the broker answered 409 UPDATE_NOT_OFFERED: \\S.+`));
  });

  it('a request the broker refuses as invalid names the problem the 422 lists', async () => {
    const bad = executionRequest();
    bad.compute = { ...(bad.compute as object), cores: { min: 8, max: 2 } };
    const answer = await client.submit(bad);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.status).toBe(422);
    expect(answer.message).toMatch(/answered 422 [A-Z_]+: .*\(.*\b8\b.*\b2\b.*\)/);
  });
});
