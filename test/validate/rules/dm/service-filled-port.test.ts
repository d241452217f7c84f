import { describe, expect, it } from 'vitest';
import rule from '../../../../src/validate/rules/dm/service-filled-port.js';
import { validate } from '../../../../src/validate/index.js';
import { request } from '../../helpers/fixtures.js';

const run = (doc: unknown, type: 'request' | 'session' = 'request') =>
  validate(doc, { type, rules: [rule], schema: false }).findings.map((f) => [f.ruleId, f.level, f.pointer]);

function withPorts(ports: unknown[]): ReturnType<typeof request> {
  const d = request();
  d.executable.network = { ports };
  return d;
}

describe('service-filled-port (EB-DM-11)', () => {
  it('passes a port that names only its internal side', () => {
    expect(run(withPorts([{ internal: { port: 8080 }, protocol: 'HTTP' }]))).toEqual([]);
  });
  it('warns at the external block a request sets', () => {
    const doc = withPorts([{ internal: { port: 8080 } }, { internal: { port: 22 }, external: { port: 2222 } }]);
    expect(run(doc)).toEqual([['EB-DM-11', 'warning', '/executable/network/ports/1/external']]);
  });
  it('does not judge offers and sessions, where the service fills it in', () => {
    const doc = { kind: 'x', executable: { kind: 'y', network: { ports: [{ external: { port: 30080 } }] } } };
    expect(run(doc, 'session')).toEqual([]);
  });
});
