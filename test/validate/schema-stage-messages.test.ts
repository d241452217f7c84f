/** The schema stage's messages: one finding per cause, the value found, and the value most likely meant. */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { request, session } from './helpers/fixtures.js';

const schemaFindings = (doc: unknown, type: 'request' | 'session' | 'error') =>
  validate(doc, { type, rules: [] }).findings.map((f) => [f.ruleId, f.pointer, f.message]);

describe('schema-stage messages', () => {
  it('a value of the wrong type is one error, not also one of its enum or const', () => {
    expect(schemaFindings({ ...session(), phase: null }, 'session')).toEqual([
      ['EB-DM-09', '/phase', expect.stringMatching(/^\/phase must be a string, found null; a Java \(Jackson\)/)],
    ]);
    const error = { status: '404', error: 'NOT_FOUND', code: 'UNKNOWN_SESSION', message: 'No such session.' };
    expect(schemaFindings(error, 'error')).toEqual([
      ['EB-ERR-01', '/status', '/status must be an integer, found "404"'],
    ]);
  });

  it('a value over its maximum says what it found', () => {
    const d = request();
    d.executable.network.ports[0].internal.port = 70000;
    expect(schemaFindings(d, 'request')).toContainEqual([
      'EB-DM-09',
      '/executable/network/ports/0/internal/port',
      '/executable/network/ports/0/internal/port must be at most 65535, found 70000',
    ]);
  });

  it.each([
    ['rw', 'READWRITE'],
    ['ro', 'READONLY'],
    ['readonly', 'READONLY'],
  ])('a volume mode %s (draft text, or another case) names %s', (mode, meant) => {
    const d = request();
    d.compute.volumes[0].mode = mode;
    const [finding] = schemaFindings(d, 'request').filter(([id]) => id === 'EB-DM-02');
    expect(finding?.[2]).toMatch(new RegExp(`found "${mode}"; did you mean ${meant}\\?$`));
  });

  it('a value like no allowed one gets no guess', () => {
    const d = request();
    d.compute.volumes[0].mode = 'sideways';
    const [finding] = schemaFindings(d, 'request').filter(([id]) => id === 'EB-DM-02');
    expect(finding?.[2]).toMatch(/found "sideways"$/);
  });
});
