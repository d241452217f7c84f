/**
 * Credentials are given one way at a time: every command that takes --user, --token and --header refuses two of
 * them that both set Authorization, in the same words, before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { memoryIO, rawServer } from '../client/helpers.js';

const REQUEST = 'spec/examples/valid/request-notebook-simple.yaml';
const TOKEN = 'Tok-Both-9931';
const PASSWORD = 'Pw-Both-7719';

let server: Awaited<ReturnType<typeof rawServer>>;
let hits = 0;

beforeAll(async () => {
  server = await rawServer((_req, res) => {
    hits++;
    res.writeHead(404);
    res.end();
  });
});
afterAll(async () => {
  await server.close();
});

const commands: [string, () => string[]][] = [
  ['offers', () => ['offers', REQUEST, '--broker', server.url]],
  ['accept', () => ['accept', `${server.url}/sessions/x`]],
  ['cancel', () => ['cancel', `${server.url}/sessions/x`]],
  ['watch', () => ['watch', `${server.url}/sessions/x`, '--timeout', '1']],
  ['conformance', () => ['conformance', server.url]],
];

const clashes: [string, string[], string][] = [
  [
    '--user and --token',
    ['--user', `alice:${PASSWORD}`, '--token', TOKEN],
    '--user and --token cannot be given together (both set Authorization)',
  ],
  [
    '--token and --header Authorization',
    ['--token', TOKEN, '--header', `Authorization: Basic ${PASSWORD}`],
    '--user/--token and --header Authorization cannot be given together',
  ],
  [
    '--user and --header authorization (any case)',
    ['--user', `alice:${PASSWORD}`, '--header', `authorization: Bearer ${TOKEN}`],
    '--user/--token and --header Authorization cannot be given together',
  ],
];

describe('credential flags that both set Authorization', () => {
  for (const [command, argv] of commands)
    it.each(clashes)(`${command}: %s is a usage error, nothing is sent`, async (_n, flags, message) => {
      const io = memoryIO();
      const before = hits;
      const code = await cli([...argv(), ...flags], io);
      expect(code).toBe(2);
      expect(io.stderrText).toBe(`ebkit ${command}: ${message}\n`);
      expect(io.stdoutText).toBe('');
      expect(hits).toBe(before);
    });

  it('one of them alone is taken (offers asks the broker)', async () => {
    const io = memoryIO();
    const before = hits;
    await cli(['offers', REQUEST, '--broker', server.url, '--token', TOKEN], io);
    expect(io.stderrText).not.toMatch(/cannot be given together/);
    expect(hits).toBe(before + 1);
  });
});
