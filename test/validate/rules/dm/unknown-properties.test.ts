import { describe, expect, it } from 'vitest';
import { validate } from '../../../../src/validate/index.js';
import unknownProperties from '../../../../src/validate/rules/dm/unknown-properties.js';
import { request, offerset, update, example } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

testRule(unknownProperties, [
  { name: 'known members pass', type: 'request', doc: request(), findings: [] },
  {
    name: 'a typo is information',
    type: 'request',
    doc: (() => {
      const d = request();
      d.compute.memroy = d.compute.memory;
      return d;
    })(),
    findings: [{ ruleId: 'EB-DM-08', pointer: '/compute/memroy' }],
    level: 'info',
  },
  {
    name: 'updates are checked too',
    type: 'update',
    doc: { ...update(), valeu: 'x' },
    findings: [{ ruleId: 'EB-DM-08', pointer: '/valeu' }],
  },
  {
    name: 'a request root typo is information',
    type: 'request',
    doc: { ...request(), shedule: {} },
    findings: [{ ruleId: 'EB-DM-08', pointer: '/shedule' }],
    level: 'info',
  },
  {
    name: 'an error document member the standard does not list is information, its own members pass',
    type: 'error',
    doc: { status: 404, error: 'NOT_FOUND', code: 'UNKNOWN_SESSION', message: 'x', path: '/sessions/1', incident: 'y' },
    findings: [{ ruleId: 'EB-DM-08', pointer: '/incident' }],
    level: 'info',
  },
  {
    name: 'an offer-set root expires is information',
    type: 'offerset',
    doc: { ...offerset(), expires: '2026-08-14T11:00:00Z' },
    findings: [{ ruleId: 'EB-DM-08', pointer: '/expires' }],
    level: 'info',
  },
  {
    // The draft text's storage units: read as GiB by everyone who follows the schema, so it is said.
    name: 'a member inside a plain object of a component (a size, an image, a port, meta) is information',
    type: 'request',
    doc: (() => {
      const d = request();
      d.storage[0].size.units = 'TiB';
      d.executable.image.tag = '3.2.1';
      d.executable.image.platform.arch = 'amd64';
      d.executable.network.ports[0].internal.prot = 8080;
      d.compute.meta.ident = 'x';
      return d;
    })(),
    findings: [
      { ruleId: 'EB-DM-08', pointer: '/storage/0/size/units' },
      { ruleId: 'EB-DM-08', pointer: '/executable/image/tag' },
      { ruleId: 'EB-DM-08', pointer: '/executable/image/platform/arch' },
      { ruleId: 'EB-DM-08', pointer: '/executable/network/ports/0/internal/prot' },
      { ruleId: 'EB-DM-08', pointer: '/compute/meta/ident' },
    ],
    level: 'info',
  },
  {
    name: "a member inside the request's own schedule is information",
    type: 'request',
    doc: { ...request(), schedule: { requested: { duration: 'PT1H', maxduration: 'PT2H' }, datetime: 'x' } },
    findings: [
      { ruleId: 'EB-DM-08', pointer: '/schedule/requested/maxduration' },
      { ruleId: 'EB-DM-08', pointer: '/schedule/datetime' },
    ],
    level: 'info',
  },
  {
    name: 'a free mapping (environment) and a component inside a plain object (an option in meta) are not judged here',
    type: 'request',
    doc: (() => {
      const d = request();
      d.executable.environment.ANY_NAME = 'y';
      d.compute.meta.options = [{ kind: 'uri:enum-value-option', path: 'phase', values: ['ACCEPTED'] }];
      return d;
    })(),
    findings: [],
  },
  {
    // ObsCore's columns are another standard's (the schema names eight), a connector's members follow its kind.
    name: "an ObsCore record's other columns, and a connector's own members, are theirs",
    type: 'request',
    doc: (() => {
      const d = example('valid/request-discovery-linked-inputs.yaml');
      const data = d.data.find((x: { ivoa?: unknown }) => x.ivoa !== undefined);
      data.ivoa.obscore.s_ra = 187.7;
      data.ivoa.obscore.target_name = 'M87';
      return d;
    })(),
    findings: [],
  },
  {
    name: "the 2024 broker's message type is left to older-generation (EB-DM-07), not also unknown",
    type: 'offerset',
    doc: (() => {
      const d = offerset();
      d.meta.messages = [
        { type: 'https://example.org/message-types/info', level: 'INFO', template: 'x', time: '2026-08-14T10:55:00Z' },
      ];
      return d;
    })(),
    findings: [],
  },
  {
    name: 'a root member of an older generation is left to older-generation',
    type: 'request',
    doc: { ...request(), volumes: [] },
    findings: [],
  },
]);

describe('unknown members', () => {
  it('suggest the nearest root member and point at the member', () => {
    const [f] = validate(
      { ...request(), shedule: {} },
      { type: 'request', rules: [unknownProperties], schema: false },
    ).findings;
    expect(f?.pointer).toBe('/shedule');
    expect(f?.params?.suggestion).toBe('schedule');
    expect(f?.message).toMatch(/not a member of a request \(did you mean "schedule"\?\)/);
  });

  it('name the document they are missing from: an error document, not a request', () => {
    const doc = { status: 400, error: 'BAD_REQUEST', code: 'MALFORMED_BODY', message: 'x', path: '/p' };
    const [incident] = validate(
      { ...doc, incident: 'y' },
      { type: 'error', rules: [unknownProperties], schema: false },
    ).findings;
    expect(incident?.message).toBe('"incident" is not a member of an error document');
    const [spring] = validate(
      { timestamp: '2026-12-04T10:00:00.000+00:00', ...doc },
      { type: 'error', rules: [unknownProperties], schema: false },
    ).findings;
    expect(spring?.message).toMatch(
      /^"timestamp" is not a member of an error document: Spring Boot's error body adds one/,
    );
    expect(spring?.params?.suggestion).toBeUndefined();
  });

  it('names the nearest known member', () => {
    const d = request();
    d.compute.memroy = 4;
    const typo = validate(d, { type: 'request', rules: [unknownProperties], schema: false }).findings[0];
    expect(typo?.params?.suggestion).toBe('memory');
    expect(typo?.message).toContain('did you mean "memory"');
  });
});

describe('nested members', () => {
  it('names the members the object has and suggests the nearest', () => {
    const d = request();
    d.executable.image.platform.architectur = 'amd64';
    const [f] = validate(d, { type: 'request', rules: [unknownProperties], schema: false }).findings;
    expect(f?.message).toBe(
      '"architectur" is not a member of platform (whose members are architecture, os); did you mean "architecture"?',
    );
  });
});

describe('nested members in a list', () => {
  it('are named as an item of the list', () => {
    const d = offerset();
    d.meta.messages = [{ kind: 'urn:x', level: 'INFO', message: 'm', time: '2026-08-14T10:55:00Z', leve: 'x' }];
    const [f] = validate(d, { type: 'offerset', rules: [unknownProperties], schema: false }).findings;
    expect(f?.pointer).toBe('/meta/messages/0/leve');
    expect(f?.message).toMatch(/^"leve" is not a member of an item of messages \(whose members are kind, level, /);
  });
});
