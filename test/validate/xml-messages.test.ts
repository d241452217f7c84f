/**
 * What validate says of XML the JSON model cannot follow: an xs:double INF (allowed by the XSD, held by no JSON
 * number), elements out of the XSD's order, and text that is not well-formed (said once, by the parser).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateBytes } from '../../src/validate/index.js';

const REQUEST = readFileSync('spec/examples/valid/request-docker-ports-volumes.xml', 'utf8');
const SESSION = readFileSync('spec/examples/valid/session-offered.xml', 'utf8');

const summary = async (xml: string) =>
  (await validateBytes(xml, { filename: 'doc.xml' })).findings.map((f) => [f.ruleId, f.message]);

describe.skipIf(!REQUEST.includes('<max>12</max>'))('XML messages', () => {
  it('INF in a cost is one error saying JSON cannot hold it, not a disagreement of the two schemas', async () => {
    const findings = await summary(REQUEST.replace('<max>12</max>', '<max>INF</max>'));
    expect(findings).toEqual([
      [
        'EB-DM-09',
        expect.stringMatching(/found "INF"; INF is an xs:double the XSD allows, but no JSON number can hold it/),
      ],
    ]);
  });

  it('an element out of the XSD order says the order is fixed', async () => {
    const moved = SESSION.replace('  <phase>OFFERED</phase>\n', '').replace(
      '</execution>',
      '  <phase>OFFERED</phase>\n</execution>',
    );
    expect(moved).not.toBe(SESSION);
    const findings = await summary(moved);
    expect(findings).toContainEqual([
      'EB-XML-01',
      expect.stringMatching(
        /Element 'phase': This element is not expected\..* an unknown one, or a known one out of the XSD's order/,
      ),
    ]);
  });

  it('a character reference XML forbids is said once, by the parser at its place, not again by libxml2', async () => {
    const findings = await summary(REQUEST.replace('<max>12</max>', '<max>1&#0;2</max>'));
    const ids = findings.map(([id]) => id);
    expect(ids.filter((id) => id === 'EBK_SYNTAX')).toHaveLength(1);
    expect(ids).not.toContain('EB-XML-01');
  });
});
