/**
 * A secret given in the wrong shape is refused without being printed: a malformed `--header` (often
 * `Authorization=Bearer …`) and a target URL with a password in it, which every curl line of every report would
 * otherwise quote. Limits that a timer cannot hold are refused too, instead of firing at once.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { memoryIO } from '../support/memory-io.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO();
  const code = await cli(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

const SECRET = 'S3cret-Arg-4711';

describe('secrets in malformed arguments', () => {
  it.each([
    ['conformance', ['conformance', 'http://127.0.0.1:9', '--header', `Authorization=Bearer ${SECRET}`]],
    ['conformance (bad name)', ['conformance', 'http://127.0.0.1:9', '--header', `Bad Name: ${SECRET}`]],
    [
      'offers',
      [
        'offers',
        'spec/examples/valid/request-discovery-linked-inputs.json',
        '--broker',
        'http://127.0.0.1:9',
        '--header',
        `X-Key=${SECRET}`,
      ],
    ],
    ['accept', ['accept', 'http://127.0.0.1:9/sessions/x', '--header', `X-Key=${SECRET}`]],
  ])('%s: a --header that is not "Name: value" is a usage error that does not print it', async (_n, argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--header must be "Name: value"/);
    expect(r.out + r.err).not.toContain(SECRET);
  });

  it('names the header when its name is a token, never its value', async () => {
    const r = await run(['conformance', 'http://127.0.0.1:9', '--header', `X-Api-Key:${SECRET}\r\nX: y`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('"X-Api-Key: …"');
    expect(r.err).not.toContain(SECRET);
  });

  it('conformance refuses a target URL carrying a password, and points at --user', async () => {
    const r = await run(['conformance', `http://user:${SECRET}@127.0.0.1:9/`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/carries a user name or password.*--user NAME:PASSWORD/);
    expect(r.out + r.err).not.toContain(SECRET);
  });
});

describe('conformance limits a timer can hold', () => {
  it.each([
    [['--timeout', '99999999999999'], /--timeout must be at most 600s/],
    [['--timeout', '601s'], /--timeout must be at most 600s/],
    [['--deadline', '99999999999'], /--deadline must be at most 2147483 seconds/],
  ])('%j is refused before anything is sent', async (flags, message) => {
    const r = await run(['conformance', 'http://127.0.0.1:9', ...flags]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('the largest allowed values are taken (the run then fails only to reach the broker)', async () => {
    const r = await run(['conformance', 'http://127.0.0.1:9', '--timeout', '600s', '--deadline', '2147483']);
    expect(r.err).not.toMatch(/must be at most/);
    expect(r.err).toMatch(/EBK_UNREACHABLE/);
  });
});
