import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { FAST_BROKER_CONFIG } from '../../conformance/embedded.js';
import { createBroker, type Broker } from '../../src/broker/index.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';
import { cli } from '../../src/cli/main.js';
import { aggregate } from '../../src/cli/commands/aggregate.js';
import { accept, aggregatorOver, call, memoryIO } from './helpers.js';

type Obj = Record<string, unknown>;
const SECRET = 'east-credential-for-alice-7f3a';

describe('gateway mode (EB-FED-11, -12)', () => {
  let east: Broker;
  let eastUrl: string;
  let echo: ReturnType<typeof createServer>;
  let agg: RunningAggregator;
  const seen: string[] = [];
  beforeAll(async () => {
    east = createBroker({ db: ':memory:', auth: 'bearer', config: { ...FAST_BROKER_CONFIG, offerLifetime: 60 } });
    east.app.addHook('onRequest', async (req) => void seen.push(String(req.headers.authorization)));
    eastUrl = await east.listen();
    // A hostile broker that echoes the credentials it is sent in its NO answer.
    echo = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          result: 'NO',
          meta: { messages: [{ kind: 'urn:x', level: 'INFO', message: `you sent ${req.headers.authorization}` }] },
          offers: [],
        }),
      );
    });
    await new Promise<void>((done) => echo.listen(0, '127.0.0.1', done));
    const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    agg = await aggregatorOver(
      [
        { name: 'east', url: eastUrl },
        { name: 'echo', url: echoUrl, token: 'echo-service-token-91' },
      ],
      {
        auth: 'bearer',
        config: { identities: [{ token: 'alice-sso-token', brokers: { east: { token: SECRET } } }] },
      },
    );
  });
  afterAll(async () => {
    await agg?.close();
    await east?.close();
    if (echo) await new Promise<void>((done) => echo.close(() => done()));
  });

  it('exchanges the incoming token for the broker credential and never shows either', async () => {
    const alice = { authorization: 'Bearer alice-sso-token' };
    const res = await call(`${agg.url}/requests`, 'POST', executionRequest(), alice);
    expect(res.value.result).toBe('YES');
    expect(seen).toContain(`Bearer ${SECRET}`);
    const offer = String(((res.value.offers as Obj[])[0]!.meta as Obj).url);
    expect((await call(offer, 'POST', accept('ACCEPTED'), alice)).status).toBe(200);
    // Another identity cannot see Alice's session (sessions belong to the token that made them).
    expect((await call(offer, 'GET', undefined, { authorization: 'Bearer mallory' })).status).toBe(404);
    // Nor change it: refused as not theirs (spec §6.4), and without a token as unauthenticated; it stays ACCEPTED.
    const theirs = await call(offer, 'POST', accept('CANCELLED'), { authorization: 'Bearer mallory' });
    expect([theirs.status, theirs.value.code]).toEqual([403, 'NOT_OWNER']);
    const anonymous = await call(offer, 'POST', accept('CANCELLED'));
    expect([anonymous.status, anonymous.value.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await call(offer, 'GET', undefined, alice)).value.phase).not.toBe('CANCELLED');
    const all = res.text + (await call(offer, 'GET', undefined, alice)).text;
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('echo-service-token-91');
    expect(all).toContain('you sent Bearer <redacted>');
  });

  it('refuses a request without a token with 401', async () => {
    expect((await call(`${agg.url}/requests`, 'POST', executionRequest())).status).toBe(401);
  });
});

describe('ebkit aggregate', () => {
  it('refuses to start without a lower broker, and names the flag', async () => {
    const io = memoryIO();
    expect(await cli(['aggregate', '--port', '0', '--db', ':memory:'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/no lower broker: give --upstream URL/);
  });

  it('warns that an identity map does nothing without --auth bearer, and not with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-gw-'));
    try {
      const config = join(dir, 'gw.yaml');
      writeFileSync(
        config,
        'brokers:\n  - {name: east, url: "http://127.0.0.1:1"}\nidentities:\n  - {token: alice-secret, brokers: {east: {token: east-secret}}}\n',
      );
      const started = async (auth: string) => {
        const io = memoryIO({ cwd: dir });
        const opts = { port: '0', host: '127.0.0.1', db: ':memory:', config, upstream: [], auth };
        expect(await aggregate(opts, io, async () => undefined)).toBe(0);
        return io.err.join('');
      };
      expect(await started('none')).toMatch(
        /warning: the config maps identities, but they are used only with --auth bearer/,
      );
      const withBearer = await started('bearer');
      expect(withBearer).not.toMatch(/warning/);
      expect(withBearer + (await started('none'))).not.toMatch(/secret/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes --upstream NAME=URL, so two brokers on one host and port can be told apart', async () => {
    const lower = createBroker({ db: ':memory:' });
    const lowerUrl = await lower.listen({ port: 0, host: '127.0.0.1' });
    let release = (): void => undefined;
    const stop = new Promise<void>((done) => (release = done));
    const io = memoryIO();
    const running = aggregate(
      { port: '0', host: '127.0.0.1', db: ':memory:', upstream: [`a=${lowerUrl}`, `b=${lowerUrl}/`], auth: 'none' },
      io,
      () => stop,
    );
    try {
      let url: string | undefined;
      for (let i = 0; i < 200 && !url; i++) {
        url = /listening on (\S+)/.exec(io.out.join(''))?.[1];
        if (!url) await new Promise((r) => setTimeout(r, 10));
      }
      const res = await call(`${url}/requests`, 'POST', executionRequest());
      const route = ((res.value.meta as Record<string, unknown>).messages as { kind: string; message: string }[]).find(
        (m) => m.kind === 'urn:ebkit:federation:route',
      );
      expect(route?.message).toBe('Asked a, b (no routing constraint applied).');
    } finally {
      release();
      expect(await running).toBe(0);
      await lower.close();
    }
  });

  it('refuses a bad --best and a bad --upstream', async () => {
    const io = memoryIO();
    expect(await cli(['aggregate', '--best', '0', '--upstream', 'http://127.0.0.1:1'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/--best must be a positive integer/);
    const io2 = memoryIO();
    expect(await cli(['aggregate', '--port', '0', '--db', ':memory:', '--upstream', 'ftp://x'], io2)).toBe(2);
    expect(io2.err.join('')).toMatch(/--upstream #1: the url must be http or https/);
  });
});
