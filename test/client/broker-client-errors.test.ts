/**
 * BrokerClient failures carry the broker's own explanation: the error document's code, its sentence and its first
 * details (a 422 names each problem), so a caller learns why without digging the document out of `response`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it("repeats the broker's words but not a credential of the client it echoes", async () => {
    const token = 'tok-SECRET-5521';
    const echo = createServer((req, res) => {
      req.resume();
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 401,
          error: 'UNAUTHORIZED',
          code: 'UNAUTHENTICATED',
          message: `The credential ${String(req.headers.authorization)} is not known here.`,
        }),
      );
    });
    await new Promise<void>((done) => echo.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const secretive = new BrokerClient(url, { format: 'json', headers: { authorization: `Bearer ${token}` } });
    try {
      const answer = await secretive.session(`${url}/sessions/00000000-0000-4000-8000-000000000000`);
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.message).toMatch(/answered 401 UNAUTHENTICATED: The credential .*<redacted>.* is not known here\./);
      expect(answer.message).not.toContain(token);
    } finally {
      await secretive.close();
      await new Promise<void>((done) => echo.close(() => done()));
    }
  });
});
