import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { loadAggregatorConfigFile } from '../../src/aggregator/config.js';
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
    [{ config: 'no-such-file.yaml' }, /--config: cannot read no-such-file\.yaml: no such file \(EBK_READ_FAILED\)/],
    [{ db: '/no/such/dir/broker.sqlite' }, /directory does not exist|unable to open/i],
  ])('refuses %o with exit 2 and one clear line', async (change, message) => {
    const stdio = io();
    expect(await serve({ ...base, ...change }, stdio, async () => undefined)).toBe(2);
    expect(stdio.err.join('')).toMatch(message);
    expect(stdio.out).toEqual([]);
  });

  describe('a hostile config file is one line naming the file, the place and why (the limits of every input)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-config-'));
    const file = (name: string, text: string | Buffer): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const cases: [string, string, RegExp][] = [
      [
        '10 000 levels of flow nesting',
        file('deep.yaml', '['.repeat(10_000) + ']'.repeat(10_000)),
        /deep\.yaml:1:\d+ is not valid YAML: The YAML nests deeper than 64 levels/,
      ],
      [
        'an alias bomb',
        file(
          'bomb.yaml',
          'a: &a [x, x, x, x, x, x, x, x, x]\n' +
            Array.from(
              { length: 8 },
              (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`,
            ).join('\n'),
        ),
        /bomb\.yaml:\d+:\d+ is not valid YAML: The YAML uses more than 50 aliases/,
      ],
      ['a duplicate key', file('dup.yaml', 'cores: 4\ncores: 8\n'), /dup\.yaml:2:1 is not valid YAML: The key "cores"/],
      [
        'UTF-32',
        file(
          'utf32.yaml',
          Buffer.from([0xff, 0xfe, 0, 0, ...[...'cores: 4\n'].flatMap((c) => [c.charCodeAt(0), 0, 0, 0])]),
        ),
        /is UTF-32LE/,
      ],
    ];
    it.each(cases)('%s', (_name, path, message) => {
      for (const load of [loadConfigFile, loadAggregatorConfigFile]) {
        let thrown: unknown;
        try {
          load(path);
        } catch (err) {
          thrown = err;
        }
        expect(String((thrown as Error | undefined)?.message)).toMatch(message);
        expect((thrown as Error).message).not.toMatch(/Maximum call stack|\n/);
      }
    });

    it('an empty file is the defaults', () => {
      expect(loadConfigFile(file('empty.yaml', ''))).toEqual({ ...DEFAULT_CONFIG });
    });
  });

  it('broker.example.yaml states exactly the built-in defaults', () => {
    expect(loadConfigFile('broker.example.yaml')).toEqual({ ...DEFAULT_CONFIG });
  });
});
