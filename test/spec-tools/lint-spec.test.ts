import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { checkExamples, firstDifference, lintSpec } from '../../src/spec-tools/lint-spec.js';
import { memoryIO } from '../support/memory-io.js';
import { citationsOf } from '../../src/spec-tools/citations.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FOREIGN = resolve(import.meta.dirname, 'fixtures/foreign/api.yaml');
/** The working group's tree, next to the checkout (`../shared`) or at the workplace's fixed mount. */
const UPSTREAM_TREE = 'reference/upstream/calycopis-openapi-v1.0/execution-broker.yaml';
const UPSTREAM =
  [resolve(ROOT, '../shared', UPSTREAM_TREE), resolve('/work/shared', UPSTREAM_TREE)].find((p) => existsSync(p)) ??
  resolve(ROOT, '../shared', UPSTREAM_TREE);

const io = () => memoryIO({ cwd: ROOT });

describe('lint-spec on a foreign tree', () => {
  it('reports a pattern rejecting its own example, a dangling discriminator, a missing media type and a duration/end interval', async () => {
    const r = await lintSpec({ rootDir: ROOT, openapi: [FOREIGN], skipRedocly: true });
    const msgs = r.findings.map((f) => `${f.ruleId} ${f.message}`);
    const has = (re: RegExp): boolean => msgs.some((m) => re.test(m));
    expect(has(/EB-SCH-09 code: rejects its own example "abcd"/), msgs.join('\n')).toBe(true);
    expect(
      has(/EB-KIND-04 .*"urn:thing:b" names "#\/components\/schemas\/ThingB", which does not resolve/),
      msgs.join('\n'),
    ).toBe(true);
    expect(has(/EB-HTTP-04 POST \/things request body does not list application\/yaml/), msgs.join('\n')).toBe(true);
    expect(has(/EB-SCH-01 StartInterval: accepts a duration\/end interval/), msgs.join('\n')).toBe(true);
    expect(has(/EB-SCH-09 StartInterval: not a valid XSD regular expression/), msgs.join('\n')).toBe(true);
    expect(r.summary.errors).toBeGreaterThan(0);
    // The valid mapping and the example that passes are not reported.
    expect(has(/urn:thing:a/)).toBe(false);
    expect(has(/"ABC"/)).toBe(false);
  });

  const upstreamPresent = existsSync(UPSTREAM);
  if (!upstreamPresent)
    console.log(`skipping the upstream lint-spec test: ${UPSTREAM} is absent (/work/shared not mounted)`);
  it.skipIf(!upstreamPresent)(
    'finds the atomic group in the upstream instant pattern and the duration/end form in its interval pattern',
    async () => {
      const r = await lintSpec({ rootDir: ROOT, openapi: [UPSTREAM], skipRedocly: true });
      const instant = r.findings.filter((f) => f.message.startsWith('ISO8601Instant:'));
      expect(
        instant.some(
          (f) => f.ruleId === 'EB-SCH-09' && f.params?.['atomicGroup'] === true && f.message.includes('(?>'),
        ),
      ).toBe(true);
      const interval = r.findings.filter((f) => f.message.startsWith('ISO8601Interval:'));
      expect(interval.some((f) => f.ruleId === 'EB-SCH-01' && /accepts a duration\/end interval/.test(f.message))).toBe(
        true,
      );
      expect(interval.some((f) => /gives "PT2H\/2023-08-09" as an example/.test(f.message))).toBe(true);
    },
  );
});

describe('lint-spec on our tree', () => {
  it('finds no pattern, discriminator or media-type errors in our schemas', async () => {
    const r = await lintSpec({ rootDir: ROOT, skipRedocly: true, skipExamples: true });
    expect(r.checks).toEqual(expect.arrayContaining(['patterns', 'discriminators', 'media-types']));
    const mine = r.findings.filter(
      (f) => ['pattern', 'discriminator', 'media-types'].includes(f.rule ?? '') && f.level === 'error',
    );
    expect(mine.map((f) => f.message)).toEqual([]);
  });

  it('finds nothing in the bundled OpenAPI, redocly included: its examples pass, its components are all used', async () => {
    const a = io();
    const code = await cli(['lint-spec', '--openapi', 'schema/openapi/execution-broker.bundled.yaml'], a);
    expect(a.out.join('')).toMatch(/^no findings\nchecks: .*redocly:/);
    expect(code).toBe(0);
  }, 120_000);
});

/** A loopback server that counts the requests it gets: whatever lint-spec fetches lands here. */
async function countingServer(): Promise<{ port: number; hits: () => number; close: () => void }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('openapi: 3.1.0\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { port: (server.address() as AddressInfo).port, hits: () => hits, close: () => server.close() };
}

describe('lint-spec --openapi on a hostile tree: nothing outside it is read or fetched', () => {
  it('names each $ref to a URL or outside the root directory (a symlink included), and does not run redocly', async () => {
    const server = await countingServer();
    const port = server.port;
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-evil-'));
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    writeFileSync(join(dir, 'secret.yaml'), 'SECRET_API_KEY_abc123: 1\n');
    symlinkSync(join(dir, 'secret.yaml'), join(tree, 'inside.yaml'));
    const refs = ['../secret.yaml', 'file:///etc/passwd', `http://127.0.0.1:${port}/evil.yaml`, './inside.yaml'];
    const evil = join(tree, 'evil.yaml');
    writeFileSync(
      evil,
      `openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n${refs.map((r, i) => `    S${i}: {$ref: "${r}"}\n`).join('')}`,
    );
    try {
      const r = await lintSpec({ rootDir: ROOT, openapi: [evil] });
      expect(server.hits()).toBe(0);
      const text = JSON.stringify(r.findings);
      expect(text).not.toContain('SECRET_API_KEY');
      expect(text).not.toContain('root:');
      const outside = r.findings.filter((f) => f.ruleId === 'EBK_REF_OUTSIDE');
      expect(outside.every((f) => f.level === 'warning')).toBe(true);
      for (const ref of refs)
        expect(
          outside.some((f) => f.message.startsWith(`$ref "${ref}" points`)),
          ref,
        ).toBe(true);
      expect(
        outside.some((f) => /^redocly was not run on .*evil\.yaml: it would follow the 4 \$ref\(s\)/.test(f.message)),
      ).toBe(true);
      expect(r.checks).not.toContain(`redocly:${evil}`);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lint-spec --openapi on a tree with a file it cannot read', () => {
  it('does not run redocly, which would read that file its own way and follow what it refers to', async () => {
    const server = await countingServer();
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-unseen-'));
    const root = join(dir, 'api.yaml');
    writeFileSync(
      root,
      'openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: "./x.json"}\n',
    );
    // Not JSON, so unreadable here; redocly reads .json with a YAML parser and would fetch the URL.
    writeFileSync(join(dir, 'x.json'), `$ref: "http://127.0.0.1:${server.port}/evil.yaml"\n`);
    try {
      const r = await lintSpec({ rootDir: ROOT, openapi: [root] });
      expect(server.hits()).toBe(0);
      expect(r.findings.map((f) => f.message)).toContainEqual(
        expect.stringMatching(/^redocly was not run on .*api\.yaml: 1 file\(s\) of the tree could not be read here/),
      );
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lint-spec on an edited copy of our tree: the text and the register agree', () => {
  it('names a citation the register lacks and an entry no chapter cites, and a duplicate register ID, each at its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-cite-'));
    cpSync(join(ROOT, 'spec'), join(dir, 'spec'), { recursive: true });
    cpSync(join(ROOT, 'schema'), join(dir, 'schema'), { recursive: true });
    const chapter = join(dir, 'spec/02-service-interaction.md');
    const text = readFileSync(chapter, 'utf8');
    expect(text).toContain('[EB-OFF-05]');
    writeFileSync(chapter, `${text.split('[EB-OFF-05]').join('')}\nA client follows [EB-NOPE-01] here.\n`);
    const registerFile = join(dir, 'spec/requirements.yaml');
    const register = readFileSync(registerFile, 'utf8');
    const start = register.indexOf('  - id: EB-OFF-03');
    const entry = register.slice(start, register.indexOf('  - id:', start + 1));
    writeFileSync(registerFile, `${register}${entry}`);
    const lineOf = (t: string, needle: string): number => t.slice(0, t.indexOf(needle)).split('\n').length;

    const r = await lintSpec({ rootDir: dir, skipRedocly: true, skipExamples: true });
    expect(r.checks).toContain('citations');
    const found = r.findings.map((f) => ({
      ruleId: f.ruleId,
      file: String(f.params?.['file']).slice(dir.length),
      line: f.line,
      column: f.column,
      message: f.message,
    }));
    const edited = readFileSync(chapter, 'utf8');
    expect(found).toContainEqual({
      ruleId: 'EBK_CITATION',
      file: '/spec/02-service-interaction.md',
      line: edited.split('\n').length - 1,
      column: 'A client follows ['.length + 1,
      message: '[EB-NOPE-01] is cited, but the register holds no requirement EB-NOPE-01',
    });
    expect(found).toContainEqual({
      ruleId: 'EBK_CITATION',
      file: '/spec/requirements.yaml',
      line: lineOf(register, '  - id: EB-OFF-05'),
      column: 1,
      message: 'EB-OFF-05 is in the register, but no chapter of the text cites it as [EB-OFF-05]',
    });
    const duplicate = found.find((f) => f.ruleId === 'EBK_SYNTAX');
    expect(duplicate?.line).toBe(register.split('\n').length);
    expect(duplicate?.message).toMatch(/\(EB-OFF-03\): duplicate id$/);
    expect(r.summary.errors).toBe(3);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads citations outside fenced code only, each at the column of its ID', () => {
    const md = 'Brokers must [EB-A-01].\n```text\n[EB-B-02]\n```\nAnd [EB-C-03], [EB-D-04].\n';
    expect(citationsOf(md)).toEqual([
      { id: 'EB-A-01', line: 1, column: 15 },
      { id: 'EB-C-03', line: 5, column: 6 },
      { id: 'EB-D-04', line: 5, column: 17 },
    ]);
  });
});

describe('the XML round trip of the examples (EB-XML-02)', () => {
  const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml';
  it('reports a valid example whose XML form reads back differently, at the first difference, and passes one that round-trips', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-rt-'));
    try {
      mkdirSync(join(dir, 'spec/examples/valid'), { recursive: true });
      writeFileSync(
        join(dir, 'spec/examples/manifest.yaml'),
        [
          'examples:',
          '  - {file: valid/fine.yaml, type: request, valid: true}',
          '  - {file: valid/stringly.yaml, type: request, valid: true}',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'spec/examples/valid/fine.yaml'),
        `executable: {kind: "${K}", meta: {name: a}, command: [run, ""]}\n`,
      );
      // The string "true" where a boolean is due: XML cannot tell the two apart, so it comes back as true.
      writeFileSync(join(dir, 'spec/examples/valid/stringly.yaml'), `executable: {kind: "${K}", privileged: "true"}\n`);
      const rt = (await checkExamples(dir)).filter((f) => f.ruleId === 'EB-XML-02');
      expect(rt.map((f) => `${f.pointer} ${f.level}`)).toEqual(['/executable/privileged error']);
      expect(rt[0]?.message).toMatch(
        /^valid\/stringly\.yaml: converted to XML and back it differs at \/executable\/privileged/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('firstDifference names the first differing pointer', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeUndefined();
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: '2' }] })).toBe('/a/1/b');
    expect(firstDifference({ a: [1] }, { a: [1, 2] })).toBe('/a');
    expect(firstDifference({ 'x/y': 1 }, {})).toBe('/x~1y');
  });
});

describe('ebkit lint-spec (CLI)', () => {
  it('a clean tree says "no findings" and the checks it ran, not "0 files: 0 valid"', async () => {
    const a = io();
    expect(await cli(['lint-spec', '--no-redocly'], a)).toBe(0);
    expect(a.out.join('')).toMatch(/^no findings\nchecks: register, .*examples\n$/);
  });

  it('exits 2 on a bad --format and on an unreadable --openapi file', async () => {
    const a = io();
    expect(await cli(['lint-spec', '--format', 'bogus'], a)).toBe(2);
    const b = io();
    expect(await cli(['lint-spec', '--openapi', 'no/such/file.yaml'], b)).toBe(2);
    expect(b.err.join('')).toMatch(/EBK_READ_FAILED/);
  });

  it('exits 2 on a file that is not an OpenAPI 3 document, or a directory, instead of "no findings"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-lint-'));
    writeFileSync(join(dir, 'hello.yaml'), 'hello: world\n');
    writeFileSync(join(dir, 'empty.yaml'), '');
    writeFileSync(join(dir, 'swagger.yaml'), 'swagger: "2.0"\n');
    writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.1.0\npaths: [1, 2\n');
    for (const [file, why] of [
      ['hello.yaml', /hello\.yaml is not an OpenAPI 3 document: it has no "openapi: 3\.x" member \(EBK_UNKNOWN_TYPE\)/],
      ['swagger.yaml', /is not an OpenAPI 3 document/],
      ['empty.yaml', /EBK_EMPTY/],
      ['broken.yaml', /broken\.yaml: The YAML is not well-formed.*\(EBK_SYNTAX\)/],
      ['-', /standard input\) cannot be linted: give the path of the OpenAPI file/],
      ['.', /EBK_READ_FAILED/],
    ] as const) {
      const t = memoryIO({ cwd: dir });
      expect(await cli(['lint-spec', '--no-redocly', '--openapi', file], t), file).toBe(2);
      expect(t.err.join(''), file).toMatch(why);
      expect(t.out.join(''), file).toBe('');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('lints an OpenAPI file that holds what a broker document may not (a constructor key, a number past 2^53); an unquoted 3.0 is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-lint-'));
    const schema = [
      "info: {title: t, version: '1'}",
      'paths: {}',
      'components:',
      '  schemas:',
      '    X:',
      '      type: object',
      '      properties:',
      '        constructor: {type: string}',
      '        n: {type: integer, maximum: 12345678901234567890123}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'quoted.yaml'), `openapi: 3.1.0\n${schema}`);
    writeFileSync(join(dir, 'unquoted.yaml'), `openapi: 3.0\n${schema}`);
    const t = memoryIO({ cwd: dir });
    expect(await cli(['lint-spec', '--no-redocly', '--openapi', 'quoted.yaml'], t)).toBe(0);
    expect(t.err.join('')).toBe('');
    expect(t.out.join('')).toMatch(/^no findings\nchecks: patterns:/);
    const u = memoryIO({ cwd: dir });
    expect(await cli(['lint-spec', '--no-redocly', '--openapi', 'unquoted.yaml'], u)).toBe(2);
    expect(u.err.join('')).toMatch(/unquoted\.yaml: "openapi" is the number 3, not a string: quote it/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 with JSON and SARIF reports on a defective tree', async () => {
    const a = io();
    expect(await cli(['lint-spec', '--openapi', FOREIGN, '--format', 'json'], a)).toBe(1);
    const json = JSON.parse(a.out.join('')) as {
      files: { findings: { ruleId: string }[] }[];
      summary: { errors: number };
    };
    expect(json.summary.errors).toBeGreaterThan(0);
    expect(json.files.flatMap((f) => f.findings.map((x) => x.ruleId))).toContain('EB-KIND-04');
    const b = io();
    expect(await cli(['lint-spec', '--openapi', FOREIGN, '--format', 'sarif', '--no-redocly'], b)).toBe(1);
    const sarif = JSON.parse(b.out.join('')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
  });
});
