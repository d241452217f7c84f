import rule from '../../../../src/validate/rules/dm/service-filled-port.js';
import { request } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

function withPorts(ports: unknown[]): ReturnType<typeof request> {
  const d = request();
  d.executable.network = { ports };
  return d;
}

testRule(rule, [
  {
    name: 'passes a port that names only its internal side',
    type: 'request',
    doc: withPorts([{ internal: { port: 8080 }, protocol: 'HTTP' }]),
    findings: [],
  },
  {
    name: 'warns at the external block a request sets (EB-DM-11)',
    type: 'request',
    doc: withPorts([{ internal: { port: 8080 } }, { internal: { port: 22 }, external: { port: 2222 } }]),
    level: 'warning',
    findings: [{ ruleId: 'EB-DM-11', pointer: '/executable/network/ports/1/external' }],
  },
  {
    name: 'does not judge offers and sessions, where the service fills it in',
    type: 'session',
    doc: { kind: 'x', executable: { kind: 'y', network: { ports: [{ external: { port: 30080 } }] } } },
    findings: [],
  },
]);
