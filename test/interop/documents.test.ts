/**
 * Documents in the shapes other implementations really produce (test/fixtures/interop: the Calycopis broker's
 * offer sets, sessions and NO answers, its older generations, python-client bodies with nulls, Spring's error
 * body, wrapped and older-generation documents) through the validator and into the reference broker.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import type { DocumentType, Finding } from '../../src/findings.js';
import { ManualClock, startBroker, type RunningBroker } from '../../src/broker/index.js';
import { T0 } from '../broker/helpers.js';

type Obj = Record<string, unknown>;
const DIR = new URL('../fixtures/interop/', import.meta.url);
const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/';
const COMPUTE_1_0 = `${K}compute/simple-compute-resource.yaml`;

const load = (name: string): { value: unknown; findings: Finding[]; type: DocumentType | undefined } => {
  const doc = parse(readFileSync(new URL(name, DIR)), { filename: name });
  expect(
    doc.findings.filter((f) => f.level === 'error'),
    `${name} parses`,
  ).toEqual([]);
  const r = validate(doc);
  return { value: doc.value, findings: r.findings, type: r.type };
};
const at = (findings: Finding[], pointer: string): Finding[] => findings.filter((f) => f.pointer === pointer);

const EXPECTED_TYPE: Record<string, DocumentType | undefined> = {
  'calycopis-offerset-yes.yaml': 'offerset',
  'calycopis-offerset-no.yaml': 'offerset',
  'calycopis-offerset-2025.yaml': 'offerset',
  'calycopis-offerset-2024-messages.json': 'offerset',
  'calycopis-offerset-kind-only.yaml': 'offerset',
  'calycopis-update-2024.json': 'update',
  'calycopis-update-wrapped-2025.json': 'update',
  'text-request-wrapped.yaml': 'request',
  'calycopis-session-accepted.json': 'session',
  'calycopis-request-2026-v1types.yaml': 'request',
  'calycopis-response-reposted.yaml': 'request',
  'python-client-request-nulls.json': 'request',
  'python-client-update.json': 'update',
  'spring-error-400.json': undefined,
};

describe('real documents into the validator', () => {
  const files = readdirSync(DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();

  it('every fixture is listed with its expected document type', () => {
    expect(files).toEqual(Object.keys(EXPECTED_TYPE).sort());
  });

  for (const file of Object.keys(EXPECTED_TYPE)) {
    it(`${file}: classified as ${EXPECTED_TYPE[file] ?? 'no EB document'}, no rule crashes, every finding located and worded`, () => {
      const { type, findings } = load(file);
      expect(type).toBe(EXPECTED_TYPE[file]);
      expect(findings.filter((f) => f.ruleId === 'EBK_RULE_CRASHED')).toEqual([]);
      for (const f of findings) {
        expect(typeof f.pointer).toBe('string');
        expect(f.message.length).toBeGreaterThan(10);
        expect(['error', 'warning', 'info']).toContain(f.level);
      }
    });
  }

  it('the broker-only offer-set kind K/offerset/execution-offerset.yaml does not stop detection or raise an error', () => {
    const { type, findings } = load('calycopis-offerset-yes.yaml');
    expect(type).toBe('offerset');
    expect(at(findings, '/kind').filter((f) => f.level === 'error')).toEqual([]);
  });

  it('the compute kind K/computer/… is an older-generation finding (not an error) naming K/compute/…', () => {
    for (const [file, pointer] of [
      ['calycopis-offerset-yes.yaml', '/offers/0/compute/kind'],
      ['calycopis-session-accepted.json', '/compute/kind'],
      ['calycopis-response-reposted.yaml', '/compute/kind'],
    ] as const) {
      const found = at(load(file).findings, pointer);
      expect(
        found.map((f) => f.ruleId),
        file,
      ).toContain('EB-DM-07');
      const f = found.find((x) => x.ruleId === 'EB-DM-07')!;
      expect(f.level).not.toBe('error');
      expect(f.message).toContain(COMPUTE_1_0);
    }
  });

  it('every …/EB/schema/… kind of the 2025 and 2025-11…2026-05 generations names its 1.0 kind URI', () => {
    for (const file of ['calycopis-offerset-2025.yaml', 'calycopis-request-2026-v1types.yaml']) {
      const { findings } = load(file);
      // Component kinds (the offer-set root kind has no 1.0 counterpart; it has its own test below).
      const older = findings.filter(
        (f) => f.ruleId === 'EB-DM-07' && f.rule === 'older-generation' && f.pointer.endsWith('/kind'),
      );
      expect(older.length, file).toBeGreaterThan(0);
      for (const f of older) {
        expect(f.level).not.toBe('error');
        expect(f.message, f.pointer).toMatch(
          new RegExp(`${K.replace(/[.]/g, '\\.')}(executable|compute|session|data)/[a-z-]+\\.yaml`),
        );
      }
    }
  });

  it('Java Instant timestamps with fractions and <instant>/PT0S starts raise nothing', () => {
    for (const file of [
      'calycopis-offerset-yes.yaml',
      'calycopis-session-accepted.json',
      'calycopis-offerset-no.yaml',
    ]) {
      const { findings } = load(file);
      // EB-SCH-06 (expires kept after OFFERED) is about the phase and EB-DM-08 (an offer-set root expires) about
      // the member, not the syntax: both fair, kept out here.
      const timeFindings = findings.filter(
        (f) =>
          /\/(created|modified|expires|time|start)$/.test(f.pointer) &&
          f.ruleId !== 'EB-SCH-06' &&
          f.ruleId !== 'EB-DM-08',
      );
      expect(
        timeFindings.map((f) => `${f.pointer}: ${f.message}`),
        file,
      ).toEqual([]);
    }
  });

  it('null members are reported one by one, each at its pointer, saying null', () => {
    const { value, findings } = load('python-client-request-nulls.json');
    const nulls: string[] = [];
    const visit = (v: unknown, p: string): void => {
      if (v === null) nulls.push(p);
      else if (typeof v === 'object') for (const [k, x] of Object.entries(v as Obj)) visit(x, `${p}/${k}`);
    };
    visit(value, '');
    expect(nulls.length).toBeGreaterThan(10);
    for (const p of nulls) {
      const f = at(findings, p).filter((x) => x.level === 'error');
      expect(f.length, p).toBe(1);
      expect(f[0]!.message, p).toMatch(/null/);
    }
  });

  it('Calycopis NO messages (values {} and message null) are reported at message, never at values', () => {
    const { findings } = load('calycopis-offerset-no.yaml');
    for (const i of [0, 1]) {
      expect(
        at(findings, `/meta/messages/${i}/message`)
          .map((f) => f.message)
          .join(' '),
      ).toMatch(/null/);
      expect(at(findings, `/meta/messages/${i}/values`)).toEqual([]);
    }
  });

  it('a session kind without schedule carrying one (the broker’s mismatch) is information, not an error', () => {
    const f = at(load('calycopis-session-accepted.json').findings, '/schedule');
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.level === 'info')).toBe(true);
  });

  it('the upstream python client’s update (path /phase) is valid', () => {
    const { findings } = load('python-client-update.json');
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('Spring’s default error body is not mistaken for an EB document', () => {
    const { type, findings } = load('spring-error-400.json');
    expect(type).toBeUndefined();
    expect(findings.map((f) => f.ruleId)).toContain('EBK_UNKNOWN_TYPE');
  });

  const olderAt = (findings: Finding[], pointer: string): Finding | undefined =>
    at(findings, pointer).find((f) => f.ruleId === 'EB-DM-07');

  it('an offer set known only by its offer-set kind (no result, no offers) is still an offer set', () => {
    const { type, findings } = load('calycopis-offerset-kind-only.yaml');
    expect(type).toBe('offerset');
    expect(findings.map((f) => f.ruleId)).not.toContain('EBK_UNKNOWN_TYPE');
  });

  it('offer-set roots with a 2025 kind and no result are offer sets, each kind named as an older generation', () => {
    for (const [kind, generation] of [
      ['https://www.purl.org/ivoa.net/EB/schema/v1.0/types/offerset/execution-offerset-1.0', '2025-11'],
      ['https://www.purl.org/ivoa.net/EB/schema/types/offerset/offerset-response-1.0', '2025-04'],
    ] as const) {
      const r = validate({ kind, meta: { uuid: '5d0f3f0e-2c57-4a55-9d0b-8e2d1c6f4a10' } });
      expect(r.type, kind).toBe('offerset');
      const f = olderAt(r.findings, '/kind');
      expect(f?.level, kind).toBe('warning');
      expect(f?.message).toContain(kind);
      expect(String(f?.params?.generation)).toContain(generation);
    }
  });

  it('the broker-only offer-set kind is named as such, for information', () => {
    for (const file of [
      'calycopis-offerset-yes.yaml',
      'calycopis-offerset-no.yaml',
      'calycopis-offerset-kind-only.yaml',
    ]) {
      const f = at(load(file).findings, '/kind');
      expect(
        f.map((x) => `${x.ruleId}/${x.level}`),
        file,
      ).toEqual(['EB-DM-06/info']);
      expect(f[0]!.message).toMatch(/reference broker's own offer-set kind/);
    }
  });

  it('an offer-set root "expires" is an unknown member (information) saying each offer carries its own', () => {
    const f = at(load('calycopis-offerset-yes.yaml').findings, '/expires');
    expect(f.map((x) => `${x.ruleId}/${x.level}`)).toEqual(['EB-DM-08/info']);
    expect(f[0]!.message).toMatch(/each offer carries its own "expires"/);
  });

  it('a top-level volumes list (tests/curl/00x) is an older generation pointing to compute.volumes', () => {
    const f = olderAt(load('calycopis-request-2026-v1types.yaml').findings, '/volumes');
    expect(f?.level).toBe('warning');
    expect(f?.message).toContain('compute.volumes');
    // Named once, as an older shape, not a second time as an unknown member.
    expect(at(load('calycopis-request-2026-v1types.yaml').findings, '/volumes')).toHaveLength(1);
  });

  it('2024 messages named by "type" are an older generation naming MessageItem.kind', () => {
    const f = olderAt(load('calycopis-offerset-2024-messages.json').findings, '/meta/messages/0/type');
    expect(f?.level).toBe('warning');
    expect(f?.message).toMatch(/"kind"/);
    expect(f?.message).toContain('https://example.org/message-types/unknown-executable');
  });

  it('a 2024 update (urn:enum-value-update, path state) is an older generation naming uri:enum-value-update and phase', () => {
    const { type, findings } = load('calycopis-update-2024.json');
    expect(type).toBe('update');
    expect(olderAt(findings, '/kind')?.message).toContain('"uri:enum-value-update"');
    expect(olderAt(findings, '/path')?.message).toMatch(/calls it "phase"/);
    expect(findings.map((f) => f.ruleId)).not.toContain('EB-DM-06');
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('wrapped documents are recognised, the wrapper named with its generation and the content checked in place', () => {
    const update = load('calycopis-update-wrapped-2025.json').findings;
    expect(olderAt(update, '/update')?.message).toMatch(/wrapped in "update:".*2025-10/);
    expect(olderAt(update, '/update/type')?.message).toContain('uri:enum-value-update');
    const request = load('text-request-wrapped.yaml').findings;
    expect(olderAt(request, '/request')?.message).toMatch(/wrapped in "request:".*2025-04 draft text/);
    expect(at(request, '/request/executable').map((f) => f.ruleId)).toContain('EB-KIND-01');
    expect(olderAt(request, '/request/executable/type')?.message).toContain(`${K}executable/docker-container.yaml`);
    for (const [doc, type, key] of [
      [
        { response: { result: 'NO', reasons: [{ path: '/executable', text: 'unknown type' }] } },
        'offerset',
        'response',
      ],
      [{ offer: { ident: 'a1', status: 'ACCEPTED' } }, 'session', 'offer'],
    ] as const) {
      const r = validate(doc);
      expect(r.type).toBe(type);
      expect(olderAt(r.findings, `/${key}`)?.message).toMatch(/2025-04 draft text/);
    }
    // A wrapper key beside other members is no wrapper.
    expect(validate({ request: {}, executable: {} }).findings.some((f) => f.params?.wrapper !== undefined)).toBe(false);
  });

  it('Spring’s default error body is named as such in the finding', () => {
    const { findings } = load('spring-error-400.json');
    const f = findings.find((x) => x.ruleId === 'EBK_UNKNOWN_TYPE');
    expect(f?.message).toMatch(/Spring Boot's default error body/);
    expect(f?.message).toMatch(/not an ExecutionBroker error document/);
    expect(f?.params?.shape).toBe('spring-error');
  });
});

describe('real request documents into the reference broker', () => {
  let broker: RunningBroker;
  beforeAll(async () => {
    broker = await startBroker({ clock: new ManualClock(T0) });
  });
  afterAll(async () => {
    await broker.close();
  });
  const submit = async (file: string): Promise<{ status: number; value: Obj }> => {
    const body = readFileSync(new URL(file, DIR));
    const res = await fetch(`${broker.url}/requests`, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: {
        'content-type': file.endsWith('.json') ? 'application/json' : 'application/yaml',
        accept: 'application/json',
      },
    });
    return { status: res.status, value: (await res.json()) as Obj };
  };
  const messagesOf = (v: Obj): Obj[] => ((v.meta as Obj | undefined)?.messages as Obj[] | undefined) ?? [];

  it('an offer re-posted as a request (compute K/computer/…) is NO with uri:unknown-type naming K/compute/…', async () => {
    const r = await submit('calycopis-response-reposted.yaml');
    expect(r.status).toBe(303);
    expect(r.value.result).toBe('NO');
    const m = messagesOf(r.value).find((x) => x.kind === 'uri:unknown-type');
    expect(m?.message).toContain(COMPUTE_1_0);
  });

  it('a 2025-11…2026-05 request is NO, each older kind answered with its 1.0 URI', async () => {
    const r = await submit('calycopis-request-2026-v1types.yaml');
    expect(r.status).toBe(303);
    expect(r.value.result).toBe('NO');
    const texts = messagesOf(r.value)
      .filter((x) => x.kind === 'uri:unknown-type')
      .map((x) => String(x.message));
    expect(texts.some((t) => t.includes(`${K}executable/docker-container.yaml`))).toBe(true);
    expect(texts.some((t) => t.includes(COMPUTE_1_0))).toBe(true);
  });

  it('a python-client body full of nulls is 422 with one located message per null member', async () => {
    const r = await submit('python-client-request-nulls.json');
    expect(r.status).toBe(422);
    expect(r.value.code).toBe('INVALID_DOCUMENT');
    const items = (r.value.messages as Obj[]).map((m) => m.values as Obj);
    expect(items.map((v) => v.pointer)).toContain('/executable/privileged');
    expect(items.every((v) => typeof v.line === 'string')).toBe(true);
  });

  it('no document made the broker answer 500', () => {
    expect(broker.stats.internalErrors).toBe(0);
  });
});
