/**
 * Credentials from the environment (EBKIT_TOKEN, EBKIT_USER) for every command that talks to a broker: a CI secret
 * kept out of the argument list. A flag wins, an empty variable is unset, both set is a usage error.
 */
import { describe, expect, it } from 'vitest';
import { withEnvCredentials } from '../../src/cli/credential-args.js';
import { cli } from '../../src/cli/main.js';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import { memoryIO } from '../support/memory-io.js';

const TOKEN = 'env-secret-token-0123456789';

describe('withEnvCredentials', () => {
  const none = { header: [] as string[] };
  it('fills in a token or a user when no credential flag is given', () => {
    expect(withEnvCredentials(none, { EBKIT_TOKEN: 't1' })).toEqual({ ok: true, flags: { header: [], token: 't1' } });
    expect(withEnvCredentials(none, { EBKIT_USER: 'a:b' })).toEqual({ ok: true, flags: { header: [], user: 'a:b' } });
  });
  it('leaves the flags alone when one is given (a flag wins), and an empty variable counts as unset', () => {
    expect(withEnvCredentials({ header: [], user: 'x:y' }, { EBKIT_TOKEN: 't1' })).toEqual({
      ok: true,
      flags: { header: [], user: 'x:y' },
    });
    const auth = { header: ['Authorization: Bearer z'] };
    expect(withEnvCredentials(auth, { EBKIT_TOKEN: 't1' })).toEqual({ ok: true, flags: auth });
    expect(withEnvCredentials({ header: ['X-Key: k'] }, { EBKIT_TOKEN: 't1' })).toEqual({
      ok: true,
      flags: { header: ['X-Key: k'], token: 't1' },
    });
    expect(withEnvCredentials(none, { EBKIT_TOKEN: '', EBKIT_USER: '' })).toEqual({ ok: true, flags: none });
  });
  it('refuses both at once, naming them', () => {
    expect(withEnvCredentials(none, { EBKIT_TOKEN: 't', EBKIT_USER: 'a:b' })).toEqual({
      ok: false,
      reason: 'EBKIT_TOKEN and EBKIT_USER are both set (both set Authorization); unset one',
    });
  });
});

describe('EBKIT_TOKEN with a broker that wants a bearer token', () => {
  let broker: RunningBroker;
  const request = JSON.stringify({
    executable: {
      kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml',
      meta: { name: 'hello' },
      image: { locations: ['docker.io/library/hello-world:latest'] },
    },
  });
  const run = async (args: string[], env: Record<string, string>) => {
    const io = memoryIO({ env, readStdin: async () => Buffer.from(request) });
    const code = await cli(args, io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };

  it('offers, accept and cancel use it, and no output shows it; without it the broker says 401', async () => {
    broker = await startBroker({ db: ':memory:', auth: 'bearer' });
    try {
      const anonymous = await run(['offers', '-', '--broker', broker.url], {});
      expect(anonymous.code).not.toBe(0);
      expect(anonymous.err).toMatch(/401|credentials/i);
      const env = { EBKIT_TOKEN: TOKEN };
      const offers = await run(['offers', '-', '--broker', broker.url, '--format', 'json'], env);
      expect(offers.code, offers.err).toBe(0);
      const url = (JSON.parse(offers.out) as { offers: { url: string }[] }).offers[0]!.url;
      const accepted = await run(['accept', url], env);
      expect(accepted).toMatchObject({ code: 0, out: `ACCEPTED ${url}\n` });
      const cancelled = await run(['cancel', url], env);
      expect(cancelled).toMatchObject({ code: 0, out: `CANCELLED ${url}\n` });
      for (const r of [offers, accepted, cancelled]) expect(r.out + r.err).not.toContain(TOKEN);
      const both = await run(['accept', url], { EBKIT_TOKEN: TOKEN, EBKIT_USER: 'a:b' });
      expect(both.code).toBe(2);
      expect(both.err).toMatch(/EBKIT_TOKEN and EBKIT_USER are both set/);
    } finally {
      await broker.close();
    }
  });
});
