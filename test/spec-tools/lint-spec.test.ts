import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { lintSpec } from '../../src/spec-tools/lint-spec.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FOREIGN = resolve(import.meta.dirname, 'fixtures/foreign/api.yaml');
const UPSTREAM = '/work/shared/reference/upstream/calycopis-openapi-v1.0/execution-broker.yaml';

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => Buffer.alloc(0), env: {}, isTTY: false, cwd: ROOT };
}

describe('lint-spec on a foreign tree', () => {
  it('reports a pattern rejecting its own example, a dangling discriminator, a missing media type and a duration/end interval', async () => {
    const r = await lintSpec({ rootDir: ROOT, openapi: [FOREIGN], skipRedocly: true });
    const msgs = r.findings.map((f) => `${f.ruleId} ${f.message}`);
    const has = (re: RegExp): boolean => msgs.some((m) => re.test(m));
    expect(has(/EB-SCH-09 code: rejects its own example "abcd"/), msgs.join('\n')).toBe(true);
    expect(has(/EB-KIND-04 .*"urn:thing:b" names "#\/components\/schemas\/ThingB", which does not resolve/), msgs.join('\n')).toBe(true);
    expect(has(/EB-HTTP-04 POST \/things request body does not list application\/yaml/), msgs.join('\n')).toBe(true);
    expect(has(/EB-SCH-01 StartInterval: accepts a duration\/end interval/), msgs.join('\n')).toBe(true);
    expect(has(/EB-SCH-09 StartInterval: not a valid XSD regular expression/), msgs.join('\n')).toBe(true);
    expect(r.summary.errors).toBeGreaterThan(0);
    // The valid mapping and the example that passes are not reported.
    expect(has(/urn:thing:a/)).toBe(false);
    expect(has(/"ABC"/)).toBe(false);
  });

  const upstreamPresent = existsSync(UPSTREAM);
  if (!upstreamPresent) console.log(`skipping the upstream lint-spec test: ${UPSTREAM} is absent (/work/shared not mounted)`);
  it.skipIf(!upstreamPresent)('finds the atomic group in the upstream instant pattern and the duration/end form in its interval pattern', async () => {
    const r = await lintSpec({ rootDir: ROOT, openapi: [UPSTREAM], skipRedocly: true });
    const instant = r.findings.filter((f) => f.message.startsWith('ISO8601Instant:'));
    expect(instant.some((f) => f.ruleId === 'EB-SCH-09' && f.params?.['atomicGroup'] === true && f.message.includes('(?>'))).toBe(true);
    const interval = r.findings.filter((f) => f.message.startsWith('ISO8601Interval:'));
    expect(interval.some((f) => f.ruleId === 'EB-SCH-01' && /accepts a duration\/end interval/.test(f.message))).toBe(true);
    expect(interval.some((f) => /gives "PT2H\/2023-08-09" as an example/.test(f.message))).toBe(true);
  });
});

describe('lint-spec on our tree', () => {
  it('finds no pattern, discriminator or media-type errors in our schemas', async () => {
    const r = await lintSpec({ rootDir: ROOT, skipRedocly: true, skipExamples: true });
    expect(r.checks).toEqual(expect.arrayContaining(['patterns', 'discriminators', 'media-types']));
    const mine = r.findings.filter((f) => ['pattern', 'discriminator', 'media-types'].includes(f.rule ?? '') && f.level === 'error');
    expect(mine.map((f) => f.message)).toEqual([]);
  });
});

describe('ebkit lint-spec (CLI)', () => {
  it('exits 2 on a bad --format and on an unreadable --openapi file', async () => {
    const a = io();
    expect(await cli(['lint-spec', '--format', 'bogus'], a)).toBe(2);
    const b = io();
    expect(await cli(['lint-spec', '--openapi', 'no/such/file.yaml'], b)).toBe(2);
    expect(b.err.join('')).toMatch(/EBK_READ_FAILED/);
  });

  it('exits 1 with JSON and SARIF reports on a defective tree', async () => {
    const a = io();
    expect(await cli(['lint-spec', '--openapi', FOREIGN, '--format', 'json'], a)).toBe(1);
    const json = JSON.parse(a.out.join('')) as { files: { findings: { ruleId: string }[] }[]; summary: { errors: number } };
    expect(json.summary.errors).toBeGreaterThan(0);
    expect(json.files.flatMap((f) => f.findings.map((x) => x.ruleId))).toContain('EB-KIND-04');
    const b = io();
    expect(await cli(['lint-spec', '--openapi', FOREIGN, '--format', 'sarif', '--no-redocly'], b)).toBe(1);
    const sarif = JSON.parse(b.out.join('')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
  });
});
