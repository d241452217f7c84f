/**
 * A body no serialiser can write (a cycle, a nesting far past any document's) is the client's usual failure
 * result, with the reason, and nothing is sent: no call that sends a body throws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { BrokerClient, requestOffers, updatePhase } from '../../src/client/index.js';
import type { SessionPhase } from '../../src/model/index.js';
import type { AbstractUpdate, ExecutionRequest } from '../../src/model/generated/types.js';
import { rawServer } from './helpers.js';

let server: Awaited<ReturnType<typeof rawServer>>;
let hits = 0;

beforeAll(async () => {
  server = await rawServer((_req, res) => {
    hits++;
    res.writeHead(500);
    res.end();
  });
});
afterAll(async () => {
  await server.close();
});

/** A request whose executable holds itself. */
function cyclic(): ExecutionRequest {
  const request = executionRequest();
  const executable = request['executable'] as Record<string, unknown>;
  executable['self'] = executable;
  return request;
}

/** A request 100 000 objects deep (parsers refuse past 64; a library caller can still build it). */
function deep(): ExecutionRequest {
  const request = executionRequest();
  let at: Record<string, unknown> = request;
  for (let i = 0; i < 100_000; i++) at = at['next'] = {};
  return request;
}

const CYCLE = /^the request could not be serialised: it contains a cycle \(\/executable\/self points back/;
const DEEP = /^the request could not be serialised: it nests 100000 levels deep, more than can be written/;

describe('a body that cannot be serialised', () => {
  it.each([
    ['yaml', 'a cycle', cyclic, CYCLE],
    ['json', 'a cycle', cyclic, CYCLE],
    ['xml', 'a cycle', cyclic, CYCLE],
    ['yaml', 'a deep nesting', deep, DEEP],
    ['json', 'a deep nesting', deep, DEEP],
    ['xml', 'a deep nesting', deep, DEEP],
  ] as const)('BrokerClient.submit (%s) with %s: a failure result, nothing sent', async (format, _n, make, reason) => {
    const client = new BrokerClient(server.url, { format });
    const before = hits;
    const answer = await client.submit(make());
    await client.close();
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.message).toMatch(reason);
    expect(answer.failure?.kind).toBe('unserialisable');
    expect(answer.findings).toEqual([]);
    expect(hits).toBe(before);
  });

  it('BrokerClient.update with a cyclic update: a failure result, nothing sent', async () => {
    const update: Record<string, unknown> = { kind: 'urn:x', path: 'phase' };
    update['value'] = [update];
    const client = new BrokerClient(server.url, { format: 'json' });
    const before = hits;
    const answer = await client.update(`${server.url}/sessions/x`, update as unknown as AbstractUpdate);
    await client.close();
    expect(answer.ok ? 'ok' : answer.message).toMatch(
      /^the request could not be serialised: it contains a cycle \(\/value\/0 points back/,
    );
    expect(hits).toBe(before);
  });

  it('a value the serialiser refuses for another reason keeps its reason (a BigInt)', async () => {
    const request = { ...executionRequest(), size: 10n } as unknown as ExecutionRequest;
    const client = new BrokerClient(server.url, { format: 'json' });
    const answer = await client.submit(request);
    await client.close();
    expect(answer.ok ? 'ok' : answer.message).toMatch(/^the request could not be serialised: .*BigInt/);
  });

  it('updatePhase (accept, reject, cancel) with a phase no serialiser writes: unreachable, nothing sent', async () => {
    const phase: Record<string, unknown> = {};
    phase['self'] = phase;
    const before = hits;
    const out = await updatePhase(`${server.url}/sessions/x`, phase as unknown as SessionPhase);
    expect(out).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(out.ok ? '' : out.reason).toMatch(
      /^was not asked \(the request could not be serialised: it contains a cycle/,
    );
    expect(hits).toBe(before);
  });

  it('requestOffers: the broker was not asked, and says why', async () => {
    const before = hits;
    const result = await requestOffers(cyclic(), [{ name: 'east', url: server.url }]);
    expect(result.answers).toHaveLength(1);
    expect(result.answers[0]).toMatchObject({ ok: false, kind: 'unreachable' });
    const reason = result.answers[0]?.ok === false ? result.answers[0].reason : '';
    expect(reason).toMatch(/^was not asked \(the request could not be serialised: it contains a cycle/);
    expect(hits).toBe(before);
  });

  it('a serialisable request is still sent (the server answers 500)', async () => {
    const client = new BrokerClient(server.url, { format: 'json' });
    const before = hits;
    const answer = await client.submit(executionRequest());
    await client.close();
    expect(answer.ok ? 'ok' : answer.message).toMatch(/the broker answered 500/);
    expect(hits).toBe(before + 1);
  });
});
