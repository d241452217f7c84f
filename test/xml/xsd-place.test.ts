/**
 * xmllint gives an XSD problem a line only; the report places it at the member that starts on that line (the one
 * the message names), so JSON and SARIF readers are pointed at /compute/meta, not at the document root.
 */
import { describe, expect, it } from 'vitest';
import { validateBytes } from '../../src/validate/index.js';
import { EB_NS } from '../../src/xml/mapping.js';

const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds';
const request = (computeBody: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<offers-request xmlns="${EB_NS}">
  <executable kind="${K}/executable/docker-container.yaml">
    <image><locations><location>ghcr.io/example/a:1</location></locations></image>
  </executable>
  <compute kind="${K}/compute/simple-compute-resource.yaml">
${computeBody}
  </compute>
</offers-request>`;

describe('XSD findings placed', () => {
  it('an element out of order gets the pointer and column of that element', async () => {
    const r = await validateBytes(
      request('    <cores><min>1</min><max>2</max></cores>\n    <meta><name>c</name></meta>'),
    );
    const xsd = r.findings.filter((f) => f.message.startsWith('XSD:'));
    expect(xsd.length).toBeGreaterThan(0);
    expect(xsd[0]).toMatchObject({ ruleId: 'EB-XML-01', pointer: '/compute/meta', line: 8, column: 5 });
  });

  it('of two members on one line, the one the message names', async () => {
    const r = await validateBytes(request('    <cores><min>1</min><max>x2</max></cores>'));
    const xsd = r.findings.filter((f) => f.message.startsWith("XSD: Element 'max'"));
    expect(xsd[0]).toMatchObject({ pointer: '/compute/cores/max', line: 7 });
  });

  it('on one line with no member of the name the message gives, the finding stays at the root', async () => {
    const minified = request('    <cores><min>1</min><max>2</max></cores><bogus>1</bogus>').replace(/\n\s*/g, '');
    const r = await validateBytes(minified);
    const bogus = r.findings.filter((f) => f.message.startsWith("XSD: Element 'bogus'"));
    expect(bogus.length).toBeGreaterThan(0);
    expect(bogus[0]).toMatchObject({ pointer: '' });
  });
});
