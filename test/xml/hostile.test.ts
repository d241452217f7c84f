import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EB_NS, buildXmlLocator, validateXsdBatch, xmlToObject } from '../../src/xml/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ebkit-xxe-'));
const SECRET = 'TOP-SECRET-CONTENT-4711';
const secretFile = join(dir, 'secret.txt');
writeFileSync(secretFile, SECRET);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<update xmlns="${EB_NS}" kind="uri:string-value-update"><path>p</path><value>&lol9;</value></update>`;

const cases: [string, string, string][] = [
  [
    'internal entity',
    `<!DOCTYPE u [<!ENTITY x "expanded">]><update xmlns="${EB_NS}" kind="k"><path>&x;</path></update>`,
    'EBK_DOCTYPE',
  ],
  [
    'external entity (file)',
    `<?xml version="1.0"?>\n<!DOCTYPE u [<!ENTITY x SYSTEM "file://${secretFile}">]>\n<update xmlns="${EB_NS}" kind="k"><path>&x;</path></update>`,
    'EBK_DOCTYPE',
  ],
  [
    'external entity /etc/passwd',
    `<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><update xmlns="${EB_NS}" kind="k"><path>&x;</path></update>`,
    'EBK_DOCTYPE',
  ],
  [
    'external DTD',
    `<!DOCTYPE u SYSTEM "http://127.0.0.1:9/evil.dtd"><update xmlns="${EB_NS}" kind="k"/>`,
    'EBK_DOCTYPE',
  ],
  [
    'parameter entity',
    `<!DOCTYPE u [<!ENTITY % p SYSTEM "file://${secretFile}"> %p;]><update xmlns="${EB_NS}" kind="k"/>`,
    'EBK_DOCTYPE',
  ],
  ['billion laughs', laughs, 'EBK_DOCTYPE'],
  ['undeclared entity without DOCTYPE', `<update xmlns="${EB_NS}" kind="k"><path>&x;</path></update>`, 'EBK_DOCTYPE'],
  [
    '10 000 nested elements',
    `<offers-request xmlns="${EB_NS}">${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</offers-request>`,
    'EBK_TOO_DEEP',
  ],
  ['empty', '', 'EBK_EMPTY'],
  ['whitespace only', ' \n\t ', 'EBK_EMPTY'],
  ['not XML', '{"executable": {}}', 'EBK_SYNTAX'],
  ['unclosed element', `<update xmlns="${EB_NS}" kind="k"><path>p</update>`, 'EBK_SYNTAX'],
  ['two roots', `<update xmlns="${EB_NS}" kind="k"/><update xmlns="${EB_NS}" kind="k"/>`, 'EBK_SYNTAX'],
  ['replacement characters from bad UTF-8', `<update xmlns="${EB_NS}" kind="k"><path>\uFFFD\uFFFD</path></update>`, ''],
  ['illegal character reference', `<update xmlns="${EB_NS}" kind="k"><path>&#0;</path></update>`, 'EBK_SYNTAX'],
  ['undeclared prefix', `<update xmlns="${EB_NS}" kind="k"><p:path>x</p:path></update>`, 'EBK_XML_MAPPING'],
  ['"<" in an attribute value', `<update xmlns="${EB_NS}" kind="uri:a<b"><path>p</path></update>`, 'EBK_SYNTAX'],
];

describe('hostile XML never throws and gives a finding', () => {
  it.each(cases)('%s', (_name, xml, ruleId) => {
    let result: ReturnType<typeof xmlToObject> | undefined;
    expect(() => {
      result = xmlToObject(xml);
    }).not.toThrow();
    if (ruleId === '') {
      expect(result!.findings).toEqual([]);
      return;
    }
    expect(result!.findings.map((f) => f.ruleId)).toContain(ruleId);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain('root:x:0');
    expect(JSON.stringify(result)).not.toContain('lollollol');
  });

  it('DOCTYPE findings carry the line of the declaration', () => {
    const r = xmlToObject(cases[1]![1]);
    expect(r.findings[0]).toMatchObject({ ruleId: 'EBK_DOCTYPE', line: 2, column: 1 });
    expect(r.value).toBeUndefined();
  });

  it('syntax findings carry a line', () => {
    const r = xmlToObject(`<update xmlns="${EB_NS}" kind="k">\n<path>p</update>`);
    expect(r.findings[0]).toMatchObject({ ruleId: 'EBK_SYNTAX', line: 2 });
  });

  it('the depth limit is configurable', () => {
    const doc = `<offers-request xmlns="${EB_NS}"><compute kind="k"><cores><min>1</min></cores></compute></offers-request>`;
    expect(xmlToObject(doc, { maxDepth: 3 }).findings.map((f) => f.ruleId)).toEqual(['EBK_TOO_DEEP']);
    expect(xmlToObject(doc, { maxDepth: 4 }).findings).toEqual([]);
  });

  it('the XSD validator refuses entity declarations too and never reads the file', async () => {
    const [xxe, laugh, ok] = await validateXsdBatch([
      cases[1]![1],
      laughs,
      `<update xmlns="${EB_NS}" kind="k"><path>p</path></update>`,
    ]);
    expect(xxe!.map((f) => f.ruleId)).toEqual(['EBK_DOCTYPE']);
    expect(laugh!.map((f) => f.ruleId)).toEqual(['EBK_DOCTYPE']);
    expect(ok).toEqual([]);
    expect(JSON.stringify([xxe, laugh])).not.toContain(SECRET);
  });

  it('the locator of a hostile document answers undefined instead of throwing', () => {
    for (const [, xml] of cases) expect(() => buildXmlLocator(xml)('/path')).not.toThrow();
    expect(buildXmlLocator(cases[0]![1])('/path')).toBeUndefined();
  });
});
