/**
 * `serve` and `aggregate` on every interface (--host 0.0.0.0 or ::) without --public-url hand out URLs made from the
 * listening address, which no remote client can use: they say so in one warning line on stderr at start.
 */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/cli/commands/aggregate.js';
import { serve } from '../../src/cli/commands/serve.js';
import { isWildcardHost } from '../../src/cli/serving.js';
import { memoryIO } from '../support/memory-io.js';

const COMMANDS = {
  serve: (host: string, publicUrl?: string) =>
    run((io, stop) =>
      serve({ host, port: '0', db: ':memory:', auth: 'none', ...(publicUrl ? { publicUrl } : {}) }, io, stop),
    ),
  aggregate: (host: string, publicUrl?: string) =>
    run((io, stop) =>
      aggregate(
        {
          host,
          port: '0',
          db: ':memory:',
          auth: 'none',
          upstream: ['http://127.0.0.1:1'],
          ...(publicUrl ? { publicUrl } : {}),
        },
        io,
        stop,
      ),
    ),
};

/** Starts a command, waits for its `listening on` line, stops it; returns its stdout and stderr. */
async function run(
  start: (io: ReturnType<typeof memoryIO>, stop: () => Promise<void>) => Promise<number>,
): Promise<{ out: string; err: string; code: number }> {
  const io = memoryIO();
  let release = (): void => undefined;
  const stopped = new Promise<void>((done) => (release = done));
  const running = start(io, () => stopped);
  for (let i = 0; i < 300 && io.out.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  release();
  const code = await running;
  return { out: io.out.join(''), err: io.err.join(''), code };
}

describe.each(Object.keys(COMMANDS) as (keyof typeof COMMANDS)[])('ebkit %s --host', (name) => {
  it.each([
    ['0.0.0.0', 'http://0.0.0.0:'],
    ['::', 'http://[::]:'],
  ])('%s without --public-url warns once, naming the URL it hands out and --public-url', async (host, prefix) => {
    const { out, err, code } = await COMMANDS[name](host);
    expect(code).toBe(0);
    expect(out).toMatch(/^listening on /);
    const warnings = err.split('\n').filter((l) => /warning/.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^ebkit ${name}: warning: --host ${host.replace(/\./g, '\\.')} listens`));
    expect(warnings[0]).toContain(prefix);
    expect(warnings[0]).toContain('--public-url');
  });

  it('0.0.0.0 with --public-url, or a loopback address, does not warn', async () => {
    expect((await COMMANDS[name]('0.0.0.0', 'https://eb.example.org/')).err).not.toMatch(/warning/);
    expect((await COMMANDS[name]('127.0.0.1')).err).not.toMatch(/warning/);
  });
});

describe('isWildcardHost', () => {
  it.each([
    ['0.0.0.0', true],
    ['::', true],
    ['[::]', true],
    ['0:0:0:0:0:0:0:0', true],
    ['::1', false],
    ['127.0.0.1', false],
    ['localhost', false],
    ['10.0.0.0', false],
  ])('%s → %s', (host, expected) => {
    expect(isWildcardHost(host)).toBe(expected);
  });
});

describe('a server that cannot listen names the option to change', () => {
  // 192.0.2.1 (TEST-NET-1, RFC 5737) is no address of this machine: EADDRNOTAVAIL, with no name lookup.
  it.each(Object.keys(COMMANDS) as (keyof typeof COMMANDS)[])(
    '%s --host 192.0.2.1: exit 2, naming --host',
    async (name) => {
      const r = await COMMANDS[name]('192.0.2.1');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        new RegExp(
          `^ebkit ${name}: --host 192\\.0\\.2\\.1 --port 0: this machine has no such address; give one of its own as --host`,
        ),
      );
      expect(r.out).toBe('');
    },
  );
});
