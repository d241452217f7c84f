/**
 * A user name or password inside a broker or session URL is refused by every command that takes one, as
 * `conformance` refuses it: it would be printed back in messages, and it would not be sent as credentials either.
 * Nothing reaches the broker, and the password is in no output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { memoryIO, rawServer } from '../client/helpers.js';

const PASSWORD = 'UrlPwZZ2';
const REQUEST = 'spec/examples/valid/request-notebook-simple.yaml';

let server: Awaited<ReturnType<typeof rawServer>>;
let hits = 0;
let withPassword: (path: string) => string;

beforeAll(async () => {
  server = await rawServer((_req, res) => {
    hits++;
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"code":"NOT_FOUND","message":"no such session"}');
  });
  withPassword = (path) => server.url.replace('http://', `http://usr:${PASSWORD}@`) + path;
});
afterAll(async () => {
  await server.close();
});

async function run(argv: string[]): Promise<{ code: number; text: string; stderr: string }> {
  const io = memoryIO();
  const code = await cli(argv, io);
  return { code, text: io.stdoutText + io.stderrText, stderr: io.stderrText };
}

describe('a URL carrying credentials', () => {
  it.each([
    ['accept', (): string[] => ['accept', withPassword('/sessions/abc')], /^ebkit accept: OFFER_URL carries/],
    ['cancel', (): string[] => ['cancel', withPassword('/sessions/abc')], /^ebkit cancel: SESSION_URL carries/],
    [
      'watch',
      (): string[] => ['watch', withPassword('/sessions/abc'), '--interval', '0.01', '--timeout', '1'],
      /^ebkit watch: SESSION_URL carries/,
    ],
    [
      'offers --broker URL',
      (): string[] => ['offers', REQUEST, '--broker', withPassword('')],
      /^ebkit offers: --broker 127\.0\.0\.1:\d+ carries/,
    ],
    [
      'offers --broker NAME=URL',
      (): string[] => ['offers', REQUEST, '--broker', `east=${withPassword('/eb')}`],
      /^ebkit offers: --broker east carries/,
    ],
    ['conformance', (): string[] => ['conformance', withPassword('/')], /^ebkit conformance: the URL carries/],
  ])('%s: exit 2, points at --user and --token, never prints the password, sends nothing', async (_n, argv, head) => {
    const before = hits;
    const r = await run(argv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(head);
    expect(r.stderr).toContain(
      'carries a user name or password (not repeated here); give them with --user NAME:PASSWORD or --token TOKEN',
    );
    expect(r.text).not.toContain(PASSWORD);
    expect(hits).toBe(before);
  });

  it('a user name alone is refused too (it is often a token)', async () => {
    const r = await run(['accept', server.url.replace('http://', `http://${PASSWORD}@`) + '/sessions/abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OFFER_URL carries a user name or password/);
    expect(r.text).not.toContain(PASSWORD);
  });

  it('a URL that does not parse is quoted without what stands before its @', async () => {
    // Port 99999 makes it no URL at all; the message quotes it, but not its password.
    const r = await run(['accept', `http://usr:${PASSWORD}@127.0.0.1:99999/sessions/abc`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'ebkit accept: OFFER_URL has port 99999, past the largest (65535), in "http://127.0.0.1:99999/sessions/abc"\n',
    );
  });

  it('nor when the password is long (past any cut of the message) or written without //', async () => {
    const long = 'p'.repeat(300);
    for (const url of [`http://usr:${long}@127.0.0.1:99999/s`, `http:usr:${PASSWORD}@127.0.0.1:99999/s`]) {
      const r = await run(['accept', url]);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain(long.slice(0, 20));
      expect(r.stderr).not.toContain(PASSWORD);
    }
  });

  it('the same URL without credentials is sent, and the answer reported (the refusal is about the credentials)', async () => {
    const before = hits;
    const r = await run(['accept', `${server.url}/sessions/abc`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/answered 404 NOT_FOUND: no such session/);
    expect(hits).toBe(before + 1);
  });
});
