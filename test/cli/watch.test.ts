import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { cli } from '../../src/cli/main.js';
import { freePort, getJson, memoryIO, startThree, type MemoryIO, type Three } from '../client/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ebkit-watch-'));
const REQUEST = join(dir, 'request.json');
writeFileSync(REQUEST, JSON.stringify(executionRequest()));

async function run(
  argv: string[],
  io: MemoryIO = memoryIO(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  const code = await cli(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

/** Fresh offers of one broker (JSON), cheapest first. */
async function offerUrls(url: string): Promise<string[]> {
  const r = await run(['offers', REQUEST, '--broker', url, '--format', 'json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { offers: { url: string }[] }).offers.map((o) => o.url);
}

const PHASE_LINE =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (ACCEPTED|WAITING|PREPARING|AVAILABLE|RUNNING|RELEASING|COMPLETED|CANCELLED|FAILED)$/;

describe('ebkit accept, cancel and watch against reference brokers with fast phases', () => {
  let three: Three;
  beforeAll(async () => {
    three = await startThree('fast');
  });
  afterAll(async () => {
    await three?.close();
  });

  it('accepts an offer (phase and URL printed), then watch prints one line per phase and exits 0 on COMPLETED', async () => {
    const [offer] = await offerUrls(three.west.url);
    const accepted = await run(['accept', offer!]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(new RegExp(`^(ACCEPTED|WAITING|PREPARING) ${offer}\\n$`));
    const watched = await run(['watch', offer!, '--interval', '0.05', '--timeout', '30']);
    expect(watched.stderr).toBe('');
    expect(watched.code).toBe(0);
    const lines = watched.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(PHASE_LINE);
    expect(lines.at(-1)).toMatch(/ COMPLETED$/);
    const phases = lines.map((l) => l.split(' ')[1]);
    expect(new Set(phases).size).toBe(phases.length);
    expect((await getJson(offer!)).phase).toBe('COMPLETED');
  });

  it('exits 1 with CANCELLED when the session is cancelled while it is watched', async () => {
    const [offer] = await offerUrls(three.east.url);
    expect((await run(['accept', offer!])).code).toBe(0);
    const io = memoryIO();
    const watching = run(['watch', offer!, '--interval', '0.05', '--timeout', '30'], io);
    // Cancel once the watch has read the session at least once.
    while (io.stdoutText === '') await new Promise((done) => setTimeout(done, 10));
    const cancelled = await run(['cancel', offer!]);
    expect(cancelled).toEqual({ code: 0, stdout: `CANCELLED ${offer}\n`, stderr: '' });
    const watched = await watching;
    expect(watched.code).toBe(1);
    expect(watched.stdout.trimEnd().split('\n').at(-1)).toMatch(/ CANCELLED$/);
    expect(watched.stderr).toMatch(/^ebkit watch: the session ended CANCELLED at \d\d:\d\d:\d\d\n$/);
  });

  it("tells each of the session's errors once, as they appear, and exits 1 when it ends FAILED", async () => {
    const faulty = join(dir, 'fault.json');
    const request = executionRequest();
    (request.executable as { meta: { name: string } }).meta.name = 'ebkit-simulated-fault';
    writeFileSync(faulty, JSON.stringify(request));
    const r = await run(['offers', faulty, '--broker', three.west.url, '--format', 'json']);
    const offer = (JSON.parse(r.stdout) as { offers: { url: string }[] }).offers[0]!.url;
    expect((await run(['accept', offer])).code).toBe(0);
    const watched = await run(['watch', offer, '--interval', '0.05', '--timeout', '30']);
    expect(watched.code).toBe(1);
    expect(watched.stdout.trimEnd().split('\n').at(-1)).toMatch(/ FAILED$/);
    expect(watched.stderr).toMatch(
      /^ebkit watch: ERROR Simulated fault \[ebkit-simulated-fault\] while entering \[PREPARING\]\nebkit watch: the session ended FAILED at \d\d:\d\d:\d\d\n$/,
    );
  });

  it('on a terminal, rewrites one phase line in place', async () => {
    const [offer] = await offerUrls(three.north.url);
    expect((await run(['accept', offer!])).code).toBe(0);
    const watched = await run(['watch', offer!, '--interval', '0.05', '--timeout', '30'], memoryIO({ isTTY: true }));
    expect(watched.code).toBe(0);
    expect(watched.stdout.startsWith('\r\u001b[K')).toBe(true);
    expect(watched.stdout.endsWith('\n')).toBe(true);
    expect(watched.stdout.slice(0, -1)).not.toContain('\n');
    const frames = watched.stdout.slice(0, -1).split('\r\u001b[K').filter(Boolean);
    expect(frames.at(-1)).toMatch(new RegExp(`^COMPLETED  ${offer}  \\d+ s$`));
  });

  it('exits 1 when an acceptance is refused (a sibling was accepted first) and when a cancel is refused', async () => {
    const [first, second] = await offerUrls(three.west.url);
    expect((await run(['accept', first!])).code).toBe(0);
    const refused = await run(['accept', second!]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^ebkit accept: ${second} answered 409 OFFER_WITHDRAWN: .+\\n$`));
    const cancel = await run(['cancel', second!]);
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toMatch(new RegExp(`^ebkit cancel: ${second} answered 409 [A-Z_]+: .+\\n$`));
  });

  it('exits 1 when the watched offer is rejected (its sibling was accepted)', async () => {
    const [offer, sibling] = await offerUrls(three.east.url);
    expect((await run(['accept', offer!])).code).toBe(0);
    const watched = await run(['watch', sibling!, '--interval', '0.05']);
    expect(watched.code).toBe(1);
    expect(watched.stdout).toMatch(/^\S+ REJECTED\n$/);
  });

  it('exits 2 when the session does not end within --timeout or cannot be reached; 1 when it is unknown (a refusal, as accept says)', async () => {
    const [offer] = await offerUrls(three.north.url);
    const slow = await run(['watch', offer!, '--interval', '0.05', '--timeout', '0.2']);
    expect(slow.code).toBe(2);
    expect(slow.stdout).toMatch(/^\S+ OFFERED\n$/);
    expect(slow.stderr).toBe(`ebkit watch: ${offer} reached no final phase within 0.2 s (last seen OFFERED)\n`);
    const gone = `http://127.0.0.1:${await freePort()}/sessions/x`;
    const down = await run(['watch', gone, '--interval', '0.02']);
    expect(down.code).toBe(2);
    expect(down.stderr).toBe(
      `ebkit watch: ${gone} could not be read 3 times in a row (the last time it refused the connection)\n`,
    );
    const unknown = `${three.north.url}/sessions/00000000-0000-4000-8000-000000000000`;
    const missing = await run(['watch', unknown]);
    expect(missing.code).toBe(1);
    expect((await run(['accept', unknown])).code).toBe(missing.code);
    expect(missing.stderr).toMatch(new RegExp(`^ebkit watch: ${unknown} answered 404 UNKNOWN_SESSION`));
    // A well-formed document that is no session (VOSI XML) is named as such, not as ill-formed.
    const vosi = await run(['watch', `${three.north.url}/availability`]);
    expect(vosi.code).toBe(2);
    expect(vosi.stderr).toMatch(/answered 200 with a body that is not an ExecutionBroker document \(/);
  });

  it("given an offer set's URL instead of a session's, says which it is and what to give (exit 2)", async () => {
    const posted = await fetch(`${three.north.url}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(executionRequest()),
      redirect: 'manual',
    });
    const set = posted.headers.get('location')!;
    const r = await run(['watch', set]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/answered an offer set \(result YES\), not a session: give the URL of one of its offers/);
  });

  it('refuses bad arguments in one line (exit 2)', async () => {
    for (const [argv, text] of [
      [['watch', 'not-a-url'], 'ebkit watch: SESSION_URL must be an absolute URL, got "not-a-url"\n'],
      [
        ['watch', 'http://127.0.0.1:9/s', '--interval', '0'],
        'ebkit watch: --interval must be a number of seconds above 0 and at most 600 (or with a unit: 5s, 500ms), got "0"\n',
      ],
      [['accept', 'file:///etc/passwd'], 'ebkit accept: OFFER_URL must be an http(s) URL, got "file:"\n'],
      [['cancel', 'nowhere'], 'ebkit cancel: SESSION_URL must be an absolute URL, got "nowhere"\n'],
    ] as const) {
      const r = await run([...argv]);
      expect(r).toEqual({ code: 2, stdout: '', stderr: text });
    }
  });
});
