import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { serve, type ServeOptions } from '../../src/cli/commands/serve.js';
import { loadConfigFile, DEFAULT_CONFIG } from '../../src/broker/index.js';
import { memoryIO } from '../support/memory-io.js';

const io = () => memoryIO();
const base: ServeOptions = { host: '127.0.0.1', port: '0', db: ':memory:', auth: 'none' };

describe('ebkit serve', () => {
  it('prints "listening on http://HOST:PORT" and serves until stopped', async () => {
    const stdio = io();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const running = serve({ ...base, config: 'broker.example.yaml' }, stdio, () => stopped);
    for (let i = 0; i < 200 && stdio.out.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(stdio.out[0] ?? '');
    expect(m).not.toBeNull();
    const res = await request(`${m![1]}/availability`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toContain('<vosi:available>true</vosi:available>');
    stop();
    expect(await running).toBe(0);
  });

  it.each([
    [{ port: 'http' }, /--port/],
    [{ port: '70000' }, /--port/],
    [{ auth: 'basic' }, /--auth/],
    [{ config: 'no-such-file.yaml' }, /cannot read config file/],
    [{ db: '/no/such/dir/broker.sqlite' }, /directory does not exist|unable to open/i],
  ])('refuses %o with exit 2 and one clear line', async (change, message) => {
    const stdio = io();
    expect(await serve({ ...base, ...change }, stdio, async () => undefined)).toBe(2);
    expect(stdio.err.join('')).toMatch(message);
    expect(stdio.out).toEqual([]);
  });

  it('broker.example.yaml states exactly the built-in defaults', () => {
    expect(loadConfigFile('broker.example.yaml')).toEqual({ ...DEFAULT_CONFIG });
  });
});
