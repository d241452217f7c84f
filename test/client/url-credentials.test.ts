/**
 * A user name and password inside a URL given to the library: undici would drop them (nothing authenticates) and
 * every message naming the URL would print them. The library refuses such a URL, as the CLI does, without a request
 * and without repeating them anywhere a caller might log.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerClient, HttpClient, acceptOffer, requestOffers } from '../../src/client/index.js';
import { executionRequest } from '../../conformance/lib/fixtures.js';

const PASSWORD = 'pw-SECRET-7731';
const seen: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  seen.push(req.headers);
  req.resume();
  res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
});
let base = '';
let withPassword = '';

beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  withPassword = base.replace('//', `//bob:${PASSWORD}@`);
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('a URL with a user name or password given to the library', () => {
  it('BrokerClient refuses it with a message and evidence that do not hold the password, and sends nothing', async () => {
    const client = new BrokerClient(withPassword);
    const before = seen.length;
    const answer = await client.session(`${withPassword}/sessions/00000000-0000-0000-0000-000000000000`);
    await client.close();
    expect(answer.ok).toBe(false);
    expect(seen.length).toBe(before);
    expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    expect(answer.ok ? '' : answer.message).toMatch(/user name or password in it \(not repeated here\)/);
  });

  it('HttpClient keeps it out of the evidence of the refused request', async () => {
    const http = new HttpClient(withPassword);
    const r = await http.request({ method: 'GET', url: `${withPassword}/capabilities` });
    await http.close();
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.failure.kind).toBe('bad-url');
    expect(JSON.stringify(r.evidence)).not.toContain(PASSWORD);
    expect(r.evidence.request.url).toBe(`${base}/capabilities`);
  });

  it('requestOffers answers for that broker with a refusal naming it without the password; the others are asked', async () => {
    const before = seen.length;
    const result = await requestOffers(executionRequest(), [
      { name: 'secret', url: withPassword },
      { name: 'plain', url: base },
    ]);
    expect(result.answers[0]).toMatchObject({ broker: 'secret', ok: false, kind: 'refused', url: `${base}/` });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    // The plain broker was asked (its 404 is its answer); no request carried the URL's user name.
    expect(seen.length).toBeGreaterThan(before);
    expect(seen.slice(before).every((h) => h.authorization === undefined)).toBe(true);
  });

  it('acceptOffer says why it sent nothing (the user name or password), not that the broker gave a bad URL', async () => {
    const out = await acceptOffer(`${withPassword}/sessions/00000000-0000-4000-8000-000000000000`);
    expect(out.ok).toBe(false);
    expect(JSON.stringify(out)).not.toContain(PASSWORD);
    expect(out.ok ? '' : out.reason).toMatch(/user name or password in it \(not repeated here\)/);
  });
});
