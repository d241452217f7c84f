import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cli } from '../../src/cli/main.js';
import { startAggregator } from '../../src/aggregator/index.js';
import { ManualClock } from '../../src/broker/index.js';
import { CO2, T0, freePort, getJson, memoryIO, rawServer, startThree, type Three } from '../client/helpers.js';

type Obj = Record<string, unknown>;
const REQUEST = 'test/fixtures/reference/execution-request.yaml';
const scratch = mkdtempSync(join(tmpdir(), 'ebkit-offers-'));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIO();
  const code = await cli(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

/** Offer UUIDs and ports change from run to run; nothing else in the output may. */
const normalise = (text: string): string =>
  text.replace(/\/sessions\/[0-9a-f]{8}/g, '/sessions/XXXXXXXX').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');

const brokersOf = (t: Three): string[] => [
  '--broker',
  `east=${t.east.url}`,
  '--broker',
  `west=${t.west.url}`,
  '--broker',
  `north=${t.north.url}`,
];

interface JsonOffer {
  broker: string;
  url: string;
  offerSet: string;
  phase: string;
  start: string;
  cores: number;
  totalCost: number;
  metrics: { type: string; max: number }[];
}

// Offers hold capacity while OFFERED, so every test starts three fresh brokers (in memory, on loopback).
describe('ebkit offers: three reference brokers on fixed clocks', () => {
  let three: Three;
  let down: string;
  beforeEach(async () => {
    three = await startThree('fixed');
    down = `http://127.0.0.1:${await freePort()}`;
  });
  afterEach(async () => {
    await three?.close();
  });

  it('prints the comparison table, cheapest first, one column per cost and metric type, and one line for a broker that is down', async () => {
    const r = await run(['offers', REQUEST, ...brokersOf(three), '--broker', `down=${down}`]);
    expect(r.code).toBe(0);
    expect(normalise(r.stdout)).toBe(
      [
        'broker  offer               start                 duration  cores  memory GiB  cost:monetary  metric:co2  metric:speed  expires',
        'west    /sessions/XXXXXXXX  2026-08-14T11:00:00Z  PT1H          2           4              2           2             5  2026-08-14T11:00:00Z',
        'west    /sessions/XXXXXXXX  2026-08-14T11:00:00Z  PT1H          4           8              4           2             5  2026-08-14T11:00:00Z',
        'north   /sessions/XXXXXXXX  2026-08-14T11:00:00Z  PT1H          2           4              4                        20  2026-08-14T11:00:00Z',
        'west    /sessions/XXXXXXXX  2026-08-14T12:03:00Z  PT1H          4           8              4           2             5  2026-08-14T11:00:00Z',
        'east    /sessions/XXXXXXXX  2026-08-14T11:00:00Z  PT1H          2           4              6                        10  2026-08-14T11:00:00Z',
        'north   /sessions/XXXXXXXX  2026-08-14T11:00:00Z  PT1H          4           8              8                        20  2026-08-14T11:00:00Z',
        'east    /sessions/XXXXXXXX  2026-08-14T11:00:00Z  PT1H          4           8             12                        10  2026-08-14T11:00:00Z',
        'east    /sessions/XXXXXXXX  2026-08-14T12:03:00Z  PT1H          4           8             12                        10  2026-08-14T11:00:00Z',
        '',
      ].join('\n'),
    );
    expect(normalise(r.stderr)).toBe('ebkit offers: down (http://127.0.0.1:PORT) refused the connection\n');
  });

  it('prints every broker and offer as JSON, in the same order, with full offer URLs', async () => {
    const r = await run(['offers', REQUEST, ...brokersOf(three), '--broker', `down=${down}`, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { brokers: Obj[]; offers: JsonOffer[] };
    expect(doc.brokers.map((b) => [b.broker, b.ok, b.ok ? b.offers : b.kind])).toEqual([
      ['east', true, 3],
      ['west', true, 3],
      ['north', true, 2],
      ['down', false, 'unreachable'],
    ]);
    expect(doc.offers.map((o) => o.totalCost)).toEqual([2, 4, 4, 4, 6, 8, 12, 12]);
    const origin: Record<string, string> = { east: three.east.url, west: three.west.url, north: three.north.url };
    for (const o of doc.offers) {
      expect(o.url).toMatch(new RegExp(`^${origin[o.broker]}/sessions/[0-9a-f-]{36}$`));
      expect(o.phase).toBe('OFFERED');
    }
  });

  it('prints the same document as YAML', async () => {
    const r = await run(['offers', REQUEST, ...brokersOf(three), '--format', 'yaml']);
    expect(r.code).toBe(0);
    const doc = parseYaml(r.stdout) as { offers: JsonOffer[] };
    expect(doc.offers.map((o) => o.broker)).toEqual(['west', 'west', 'north', 'west', 'east', 'north', 'east', 'east']);
  });

  it('writes YAML that a YAML 1.1 reader (PyYAML) reads as the same strings: timestamps quoted, as the brokers write them', async () => {
    const r = await run(['offers', REQUEST, ...brokersOf(three), '--format', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {4}start: '2026-08-14T11:00:00Z'$/m);
    const asYaml11 = parseYaml(r.stdout, { version: '1.1' }) as { offers: JsonOffer[] };
    expect(asYaml11).toEqual(parseYaml(r.stdout));
    for (const o of asYaml11.offers) {
      expect(typeof o.start).toBe('string');
      expect(typeof o.phase).toBe('string');
    }
  });

  it('sorts by start (earliest first, then cheapest) and by a metric (highest first), named by type or column header', async () => {
    const byStart = JSON.parse(
      (await run(['offers', REQUEST, ...brokersOf(three), '--format', 'json', '--sort', 'start'])).stdout,
    ) as { offers: JsonOffer[] };
    expect(byStart.offers.map((o) => `${o.start} ${o.totalCost}`)).toEqual([
      '2026-08-14T11:00:00Z 2',
      '2026-08-14T11:00:00Z 4',
      '2026-08-14T11:00:00Z 4',
      '2026-08-14T11:00:00Z 6',
      '2026-08-14T11:00:00Z 8',
      '2026-08-14T11:00:00Z 12',
      '2026-08-14T12:03:00Z 4',
      '2026-08-14T12:03:00Z 12',
    ]);
    const bySpeed = JSON.parse(
      (await run(['offers', REQUEST, ...brokersOf(three), '--format', 'json', '--sort', 'metric:speed'])).stdout,
    ) as { offers: JsonOffer[] };
    expect(bySpeed.offers.map((o) => o.broker)).toEqual([
      'north',
      'north',
      'east',
      'east',
      'east',
      'west',
      'west',
      'west',
    ]);
    const byCo2 = JSON.parse(
      (await run(['offers', REQUEST, ...brokersOf(three), '--format', 'json', '--sort', CO2])).stdout,
    ) as { offers: JsonOffer[] };
    expect(byCo2.offers.slice(0, 3).map((o) => o.broker)).toEqual(['west', 'west', 'west']);
    // A cost's column header is a ranking too (lowest first): money's is the `cost` ranking.
    const byMoney = JSON.parse(
      (await run(['offers', REQUEST, ...brokersOf(three), '--format', 'json', '--sort', 'cost:monetary'])).stdout,
    ) as { offers: JsonOffer[] };
    const money = byMoney.offers.map((o) => o.totalCost);
    expect(money.length).toBeGreaterThan(1);
    expect(money).toEqual([...money].sort((a, b) => a - b));
  });

  // A --sort no offer has is bad input (exit 2), told in one line naming what it could be; nothing is printed.
  it.each([
    ['table', 'metric:joy'],
    ['json', 'bogus'],
  ])('--format %s --sort %s: no offer has it, so exit 2 naming the keys it could be', async (format, key) => {
    const r = await run(['offers', REQUEST, ...brokersOf(three), '--format', format, '--sort', key]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `ebkit offers: --sort ${key}: no offer has that cost or metric; use cheapest, earliest, cost, start, or a cost or metric the offers have (costs: cost:monetary; metrics: metric:co2, metric:speed) by its type, column header or last part; the 8 offer(s) made were rejected\n`,
    );
  });

  it('with --pick and no --yes says which offer it would accept and accepts nothing (every session read back is OFFERED)', async () => {
    const r = await run(['offers', REQUEST, ...brokersOf(three), '--pick', 'cheapest', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { offers: JsonOffer[]; picked: { url: string; accepted: boolean } };
    expect(doc.picked).toEqual({ url: doc.offers[0]!.url, broker: 'west', accepted: false });
    expect(r.stderr).toContain(
      `ebkit offers: would accept ${doc.offers[0]!.url} (from west, start 2026-08-14T11:00:00Z, total cost 2); add --yes to accept it`,
    );
    const phases = await Promise.all(doc.offers.map(async (o) => (await getJson(o.url)).phase));
    expect(phases).toEqual(doc.offers.map(() => 'OFFERED'));
    const text = await run(['offers', REQUEST, ...brokersOf(three), '--pick', 'metric:speed']);
    expect(text.stdout).toMatch(
      /^would accept http:\/\/127\.0\.0\.1:\d+\/sessions\/[0-9a-f-]{36} \(from north, start 2026-08-14T11:00:00Z, total cost 4\); add --yes to accept it$/m,
    );
  });

  it('explains a --pick no offer qualifies for (exit 1)', async () => {
    const r = await run(['offers', REQUEST, ...brokersOf(three), '--pick', 'metric:joy', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'ebkit offers: --pick metric:joy: no offer has that cost or metric (costs: cost:monetary; metrics: metric:co2, metric:speed); nothing accepted\n',
    );
  });
});

describe('ebkit offers --pick cheapest --yes', () => {
  let three: Three;
  beforeEach(async () => {
    three = await startThree('fixed');
  });
  afterEach(async () => {
    await three?.close();
  });

  it("accepts exactly the cheapest offer; its siblings are rejected by its broker, the other brokers' offers by the client", async () => {
    const r = await run(['offers', REQUEST, ...brokersOf(three), '--pick', 'cheapest', '--yes', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      offers: JsonOffer[];
      picked: { url: string; accepted: boolean; phase: string };
      rejected: string[];
    };
    const cheapest = doc.offers[0]!;
    expect(cheapest.broker).toBe('west');
    expect(cheapest.totalCost).toBe(2);
    expect(doc.picked).toEqual({ url: cheapest.url, broker: 'west', accepted: true, phase: 'ACCEPTED' });
    const phases = await Promise.all(doc.offers.map(async (o) => ({ o, phase: (await getJson(o.url)).phase })));
    expect(phases.filter((p) => p.phase === 'ACCEPTED').map((p) => p.o.url)).toEqual([cheapest.url]);
    expect(phases.filter((p) => p.o.url !== cheapest.url).every((p) => p.phase === 'REJECTED')).toBe(true);
    expect(doc.rejected.sort()).toEqual(
      doc.offers
        .filter((o) => o.broker !== 'west')
        .map((o) => o.url)
        .sort(),
    );
    expect(r.stderr).toContain(
      `ebkit offers: accepted ${cheapest.url} (from west, start 2026-08-14T11:00:00Z, total cost 2): ACCEPTED ${cheapest.url}\n`,
    );
    expect(r.stderr).toContain('ebkit offers: rejected 5 offer(s) of the other brokers\n');
  });

  it("with --keep-others leaves the other brokers' offers OFFERED", async () => {
    const r = await run([
      'offers',
      REQUEST,
      ...brokersOf(three),
      '--pick',
      'earliest',
      '--yes',
      '--keep-others',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { offers: JsonOffer[]; picked: { url: string; broker: string } };
    const phases = await Promise.all(doc.offers.map(async (o) => ({ o, phase: (await getJson(o.url)).phase })));
    expect(phases.filter((p) => p.phase === 'ACCEPTED').map((p) => p.o.url)).toEqual([doc.picked.url]);
    expect(phases.filter((p) => p.o.broker !== doc.picked.broker).every((p) => p.phase === 'OFFERED')).toBe(true);
  });

  it('through an aggregator, names the broker that made the offer it would accept (agg/west), as the table does', async () => {
    const agg = await startAggregator({
      db: ':memory:',
      // On the brokers' clock: on the system clock its offer set would be created after the offers expire.
      clock: new ManualClock(T0),
      config: {
        brokers: [
          { name: 'east', url: three.east.url },
          { name: 'west', url: three.west.url },
        ],
      },
    });
    try {
      const r = await run(['offers', REQUEST, '--broker', `agg=${agg.url}`, '--pick', 'cheapest']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^would accept http:\/\/127\.0\.0\.1:\d+\/sessions\/\S+ \(from agg\/west, /m);
    } finally {
      await agg.close();
    }
  });

  it('prints the acceptance after the table in text form', async () => {
    const r = await run(['offers', REQUEST, ...brokersOf(three), '--pick', 'cheapest', '--yes']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^broker {2}offer/);
    expect(lines.at(-2)).toMatch(/^accepted http:\/\/127\.0\.0\.1:\d+\/sessions\/\S+ \(from west, .*\): ACCEPTED http/);
    expect(lines.at(-1)).toMatch(/^rejected \d+ offer\(s\) of the other brokers$/);
  });
});

describe('ebkit offers: failures are one line each', () => {
  let three: Three;
  beforeEach(async () => {
    three = await startThree('fixed');
  });
  afterEach(async () => {
    await three?.close();
  });

  it('names a stalling broker and one caught in a redirect loop, and still prints the others', async () => {
    const stall = await rawServer(() => undefined);
    // Answers every request (the GET of /offersets/x too) with the same redirect.
    const loop = await rawServer((_req, res) => {
      res.writeHead(303, { location: '/offersets/x' }).end();
    });
    try {
      const r = await run([
        'offers',
        REQUEST,
        '--broker',
        `west=${three.west.url}`,
        '--broker',
        `stall=${stall.url}`,
        '--broker',
        `loop=${loop.url}`,
        '--timeout',
        '0.5',
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('west '))).toHaveLength(3);
      expect(normalise(r.stderr).split('\n')).toEqual([
        'ebkit offers: stall (http://127.0.0.1:PORT) did not answer in time (no complete answer within 500 ms)',
        'ebkit offers: loop (http://127.0.0.1:PORT) redirected too many times (more than 5 redirects (last to /offersets/x))',
        '',
      ]);
    } finally {
      await stall.close();
      await loop.close();
    }
  });

  it('leaves out an invalid offer, naming the finding (as the aggregator does), and a set broken elsewhere whole', async () => {
    const answers: Record<string, unknown> = {
      '/offersets/1': { result: 'YES', offers: [{ kind: 'not a uri', phase: 'SOMETIMES' }] },
      '/offersets/2': { result: 'YES', meta: { url: 42 }, offers: [] },
    };
    let next = 0;
    const bad = await rawServer((req, res) => {
      if (req.method === 'POST') return void res.writeHead(303, { location: `/offersets/${++next}` }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answers[req.url ?? '']));
    });
    try {
      const one = await run(['offers', REQUEST, '--broker', `north=${three.north.url}`, '--broker', `bad=${bad.url}`]);
      expect(one.code).toBe(0);
      expect(normalise(one.stderr)).toMatch(
        /^ebkit offers: bad \(http:\/\/127\.0\.0\.1:PORT\) noted: 1 invalid offer\(s\) left out \(the first: EB-[A-Z]+-\d+ at \/offers\/0\/\S*: .+\)\n$/,
      );
      const whole = await run([
        'offers',
        REQUEST,
        '--broker',
        `north=${three.north.url}`,
        '--broker',
        `bad=${bad.url}`,
      ]);
      expect(normalise(whole.stderr)).toMatch(
        /^ebkit offers: bad \(http:\/\/127\.0\.0\.1:PORT\) answered an invalid offer set: EB-[A-Z]+-\d+ at \/meta\/url: .+\n$/,
      );
    } finally {
      await bad.close();
    }
  });

  it("exits 1 with every broker's reason when all say NO, and 2 when none can be reached", async () => {
    const big = join(scratch, 'big.json');
    const request = parseYaml((await import('node:fs')).readFileSync(REQUEST, 'utf8')) as Obj;
    writeFileSync(
      big,
      JSON.stringify({ ...request, compute: { ...(request.compute as Obj), cores: { min: 500, max: 600 } } }),
    );
    const no = await run(['offers', big, ...brokersOf(three)]);
    expect(no.code).toBe(1);
    const lines = normalise(no.stderr).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    for (const [i, name] of ['east', 'west', 'north'].entries())
      expect(lines[i]).toMatch(
        new RegExp(`^ebkit offers: ${name} \\(http://127\\.0\\.0\\.1:PORT\\) answered NO: .*cores`, 'i'),
      );
    expect(lines[3]).toBe('ebkit offers: no broker made an offer');
    expect(no.stdout).toBe('');
    const port = await freePort();
    const none = await run(['offers', REQUEST, '--broker', `http://127.0.0.1:${port}`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      `ebkit offers: 127.0.0.1:${port} (http://127.0.0.1:${port}) refused the connection\nebkit offers: no broker could be reached\n`,
    );
  });

  it('never prints a credential, even when a broker echoes it back', async () => {
    const echo = await rawServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          status: 401,
          error: 'UNAUTHORIZED',
          code: 'UNAUTHENTICATED',
          message: `bad credentials: ${String(req.headers.authorization)} ${String(req.headers['x-api-key'])}`,
        }),
      );
    });
    try {
      for (const creds of [
        ['--token', 'tok-SECRET-1'],
        ['--user', 'alice:pw-SECRET-2'],
        ['--header', 'X-Api-Key: key-SECRET-3'],
      ]) {
        const r = await run(['offers', REQUEST, '--broker', `echo=${echo.url}`, ...creds, '--format', 'json']);
        expect(r.code).toBe(1);
        expect(r.stderr + r.stdout).not.toMatch(/SECRET|YWxpY2U6cHctU0VDUkVULTI/);
        expect(r.stderr).toContain('answered 401 UNAUTHENTICATED: bad credentials: ');
        expect(r.stderr).toContain('<redacted>');
      }
    } finally {
      await echo.close();
    }
  });

  it('a secret that is also a key or a literal of the JSON and YAML output (offers, true) leaves them whole', async () => {
    for (const creds of [
      ['--header', 'X-Tenant: offers'],
      ['--token', 'true'],
    ]) {
      const json = await run(['offers', REQUEST, ...brokersOf(three), ...creds, '--format', 'json']);
      expect(json.code, json.stderr).toBe(0);
      // What the README pipes into JSON.parse(…).offers[0].url.
      const doc = JSON.parse(json.stdout) as { offers: JsonOffer[]; brokers: Obj[] };
      expect(doc.offers.length).toBeGreaterThan(0);
      expect(doc.offers[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sessions\/[0-9a-f-]{36}$/);
      expect(doc.brokers.map((b) => b.ok)).toEqual([true, true, true]);
      const yaml = await run(['offers', REQUEST, ...brokersOf(three), ...creds, '--format', 'yaml']);
      expect((parseYaml(yaml.stdout) as { offers: unknown[] }).offers.length).toBeGreaterThan(0);
    }
  });
});

describe('ebkit offers: bad input is one line and exit 2', () => {
  const invalid = join(scratch, 'invalid.yaml');
  writeFileSync(invalid, 'executable:\n  kind: 42\n');
  const cases: { name: string; argv: string[]; stderr: RegExp }[] = [
    {
      name: 'no broker',
      argv: ['offers', REQUEST],
      stderr: /^ebkit offers: name at least one broker with --broker URL \(or NAME=URL\)\n$/,
    },
    {
      name: 'a broker that is not a URL',
      argv: ['offers', REQUEST, '--broker', 'nowhere'],
      stderr: /^ebkit offers: --broker "nowhere" is not an absolute URL\n$/,
    },
    {
      name: 'a broker that is not http',
      argv: ['offers', REQUEST, '--broker', 'ftp://x.example/'],
      stderr: /^ebkit offers: --broker "ftp:\/\/x.example\/" is not an http\(s\) URL\n$/,
    },
    {
      name: 'a missing request file',
      argv: ['offers', 'missing.yaml', '--broker', 'http://127.0.0.1:9'],
      stderr: /^ebkit offers: cannot read missing.yaml: no such file \(EBK_READ_FAILED\)\n$/,
    },
    {
      name: '--yes without --pick',
      argv: ['offers', REQUEST, '--broker', 'http://127.0.0.1:9', '--yes'],
      stderr: /^ebkit offers: --yes accepts the offer --pick chooses/,
    },
    {
      name: 'a --pick that is a typo of a keyword (no broker is asked)',
      argv: ['offers', REQUEST, '--broker', 'http://127.0.0.1:9', '--pick', 'cheepest'],
      stderr:
        /^ebkit offers: --pick cheepest: did you mean cheapest\? \(or a cost or metric type, or its column header\)\n$/,
    },
    {
      name: 'a --sort that is a typo of a keyword',
      argv: ['offers', REQUEST, '--broker', 'http://127.0.0.1:9', '--sort', 'coast'],
      stderr: /^ebkit offers: --sort coast: did you mean cost\?/,
    },
    {
      name: 'a bad --timeout',
      argv: ['offers', REQUEST, '--broker', 'http://127.0.0.1:9', '--timeout', 'soon'],
      stderr: /^ebkit offers: --timeout must be a number of seconds/,
    },
    {
      name: 'a bad --header',
      argv: ['offers', REQUEST, '--broker', 'http://127.0.0.1:9', '--header', 'no colon'],
      stderr: /^ebkit offers: --header must be "Name: value"/,
    },
    {
      name: '--keep-others without --pick and --yes (it would be ignored)',
      argv: ['offers', REQUEST, '--broker', 'http://127.0.0.1:9', '--keep-others'],
      stderr:
        /^ebkit offers: --keep-others changes what --pick … --yes does to the other offers; give --pick and --yes\n$/,
    },
    {
      name: 'a bad --user',
      argv: ['offers', REQUEST, '--broker', 'http://127.0.0.1:9', '--user', 'alice'],
      stderr: /^ebkit offers: --user must be NAME:PASSWORD\n$/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      const r = await run(c.argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(c.stderr);
      expect(r.stdout).toBe('');
    });
  }

  it('prints the findings of an invalid request and sends nothing', async () => {
    let hits = 0;
    const counter = await rawServer((_req, res) => {
      hits++;
      res.writeHead(500).end();
    });
    try {
      const r = await run(['offers', invalid, '--broker', counter.url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`^${invalid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+ error EB-\\S+ `, 'm'),
      );
      expect(r.stderr).toContain(`ebkit offers: ${invalid} is not a valid execution request; nothing was sent\n`);
      expect(hits).toBe(0);
    } finally {
      await counter.close();
    }
  });
});
