import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/index.js';

const PAGE = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>\n';

describe('an HTML page (a proxy or web server error page) is said to be one', () => {
  it('by its Content-Type, or by how it opens when nothing is declared', () => {
    for (const opts of [{ mediaType: 'text/html; charset=utf-8' }, {}, { filename: 'answer' }]) {
      const r = parse(PAGE, opts);
      expect(r.value).toBeUndefined();
      expect(r.findings.map((f) => f.ruleId)).toEqual(['EBK_UNKNOWN_FORMAT']);
      expect(r.findings[0]!.message).toMatch(/^The input is an HTML page.*, not a JSON, YAML or XML document\.$/);
    }
    expect(parse(PAGE, { mediaType: 'text/html' }).findings[0]!.message).toContain('(Content-Type text/html)');
    expect(parse('<html lang="en"><p>x</p></html>', {}).findings[0]!.ruleId).toBe('EBK_UNKNOWN_FORMAT');
  });

  it('declared XML is still read as XML (its DOCTYPE refused), and an EB document is not taken for HTML', () => {
    expect(parse(PAGE, { mediaType: 'application/xml' }).findings[0]!.ruleId).toBe('EBK_DOCTYPE');
    expect(parse(PAGE, { filename: 'page.xml' }).findings[0]!.ruleId).toBe('EBK_DOCTYPE');
    const xml = '<?xml version="1.0"?>\n<update xmlns="http://www.ivoa.net/xml/ExecutionBroker/v1.0" kind="k"/>';
    expect(parse(xml, {}).format).toBe('xml');
  });
});
