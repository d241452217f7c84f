/**
 * Documents in the shapes other implementations really produce (test/fixtures/interop: the Calycopis broker's
 * offer sets, sessions and NO answers, its older generations, python-client bodies with nulls, Spring's error
 * body) through the validator and into the reference broker. Gaps found in the validator are the it.todo
 * entries at the end; each names the document, the expected classification and what happens today.
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
  expect(doc.findings.filter((f) => f.level === 'error'), `${name} parses`).toEqual([]);
  const r = validate(doc);
  return { value: doc.value, findings: r.findings, type: r.type };
};
const at = (findings: Finding[], pointer: string): Finding[] => findings.filter((f) => f.pointer === pointer);

const EXPECTED_TYPE: Record<string, DocumentType | undefined> = {
  'calycopis-offerset-yes.yaml': 'offerset',
  'calycopis-offerset-no.yaml': 'offerset',
  'calycopis-offerset-2025.yaml': 'offerset',
  'calycopis-offerset-2024-messages.json': 'offerset',
  'calycopis-session-accepted.json': 'session',
  'calycopis-request-2026-v1types.yaml': 'request',
  'calycopis-response-reposted.yaml': 'request',
  'python-client-request-nulls.json': 'request',
  'python-client-update.json': 'update',
  'spring-error-400.json': undefined,
};

describe('real documents into the validator', () => {
  const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

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
      expect(found.map((f) => f.ruleId), file).toContain('EB-DM-07');
      const f = found.find((x) => x.ruleId === 'EB-DM-07')!;
      expect(f.level).not.toBe('error');
      expect(f.message).toContain(COMPUTE_1_0);
    }
  });

  it('every …/EB/schema/… kind of the 2025 and 2025-11…2026-05 generations names its 1.0 kind URI', () => {
    for (const file of ['calycopis-offerset-2025.yaml', 'calycopis-request-2026-v1types.yaml']) {
      const { findings } = load(file);
      const older = findings.filter((f) => f.ruleId === 'EB-DM-07');
      expect(older.length, file).toBeGreaterThan(0);
      for (const f of older) {
        expect(f.level).not.toBe('error');
        expect(f.message, f.pointer).toMatch(new RegExp(`${K.replace(/[.]/g, '\\.')}(executable|compute|session|data)/[a-z-]+\\.yaml`));
      }
    }
  });

  it('Java Instant timestamps with fractions and <instant>/PT0S starts raise nothing', () => {
    for (const file of ['calycopis-offerset-yes.yaml', 'calycopis-session-accepted.json', 'calycopis-offerset-no.yaml']) {
      const { findings } = load(file);
      // EB-SCH-06 (expires kept after OFFERED) is about the phase, not the syntax: a fair warning, kept out here.
      const timeFindings = findings.filter((f) => /\/(created|modified|expires|time|start)$/.test(f.pointer) && f.ruleId !== 'EB-SCH-06');
      expect(timeFindings.map((f) => `${f.pointer}: ${f.message}`), file).toEqual([]);
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
      expect(at(findings, `/meta/messages/${i}/message`).map((f) => f.message).join(' ')).toMatch(/null/);
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

  // Validator gaps (src/validate, owned by H6), described precisely for the lead:
  it.todo('detectDocumentType: {kind: K/offerset/execution-offerset.yaml, meta} without result/offers should be an offerset (today: undefined, EBK_UNKNOWN_TYPE)');
  it.todo('detectDocumentType: …/EB/schema/v1.0/types/offerset/execution-offerset-1.0 and …/EB/schema/types/offerset/offerset-response-1.0 roots should be offersets with an EB-DM-07 finding (today: EBK_UNKNOWN_TYPE)');
  it.todo('offer-set root kind K/offerset/execution-offerset.yaml should get an info finding (broker-only kind, not in the schema); today nothing is reported');
  it.todo('offer-set root member "expires" (Calycopis sends one) should get EB-DM-08 info like other unknown members; today nothing');
  it.todo('request with a top-level "volumes" list (tests/curl/00x, resources[]/cardinality) should get EB-DM-07/08 saying 1.0 puts volumes in compute.volumes; today valid with no finding, volumes silently ignored');
  it.todo('2024 messages {type: https://example.org/message-types/…} (no kind) should get EB-DM-07 naming MessageItem.kind; today no finding');
  it.todo('update kind urn:enum-value-update (2024 broker) should be EB-DM-07 naming uri:enum-value-update, not EB-DM-06 unknown kind; path "state" (2024) should name "phase"');
  it.todo('wrapped documents {update: {…}} (2025-10) and {request|response|offer: {…}} (draft text) should be recognised with EB-DM-07 naming the generation; today EBK_UNKNOWN_TYPE only');
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
      method: 'POST', body, redirect: 'manual',
      headers: { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/yaml', accept: 'application/json' },
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
    const texts = messagesOf(r.value).filter((x) => x.kind === 'uri:unknown-type').map((x) => String(x.message));
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
