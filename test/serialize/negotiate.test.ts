import { describe, expect, it } from 'vitest';
import {
  formatFromContentType,
  invalidQualities,
  negotiateResponseFormat,
  responseMediaType,
} from '../../src/serialize/index.js';

describe('negotiateResponseFormat (EB-HTTP-03, EB-HTTP-04, EB-HTTP-12)', () => {
  const table: [string | undefined, string | undefined][] = [
    // nothing declared ⇒ YAML
    [undefined, 'yaml'],
    ['', 'yaml'],
    ['*/*', 'yaml'],
    ['application/*', 'yaml'],
    ['text/*', 'yaml'],
    // one format asked for
    ['application/json', 'json'],
    ['application/yaml', 'yaml'],
    ['text/yaml', 'yaml'],
    ['application/x-yaml', 'yaml'],
    ['application/xml', 'xml'],
    ['text/xml', 'xml'],
    ['APPLICATION/JSON; charset=utf-8', 'json'],
    // a structured-syntax suffix names a type of its own, which a plain JSON, XML or YAML answer is not
    ['application/vnd.ivoa.eb+json', undefined],
    ['application/problem+json', undefined],
    ['application/problem+xml', undefined],
    ['application/vnd.x+yaml', undefined],
    ['application/problem+json, application/json;q=0.1', 'json'],
    // q-values
    ['application/json;q=0.5, application/yaml;q=0.4', 'json'],
    ['application/yaml;q=0.1, application/json', 'json'],
    ['application/xml, application/json;q=0.9', 'xml'],
    ['application/json;q=0.9, application/xml;q=0.95', 'xml'],
    ['application/json, */*;q=0.1', 'json'],
    ['application/xml, */*', 'xml'], // named explicitly beats reached by wildcard
    ['text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8', 'xml'], // a browser
    // qvalues without the leading 0, as Java's URLConnection sends them
    ['text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2', 'yaml'],
    ['application/xml;q=.4, application/json;q=.5', 'json'],
    // ties ⇒ YAML
    ['application/json, application/yaml', 'yaml'],
    ['application/yaml, application/json', 'yaml'],
    ['application/json;q=0.5, text/yaml;q=0.5', 'yaml'],
    ['application/json, application/yaml, application/xml', 'yaml'],
    ['application/xml, application/json', 'json'], // no YAML among them: JSON before XML
    // the most specific range decides, even with a lower q
    ['application/yaml;q=0, */*', 'json'],
    ['application/yaml;q=0, application/json;q=0, */*', 'xml'],
    // malformed ranges are ignored
    ['garbage, application/json', 'json'],
    ['application/json;q=2, application/xml', 'xml'],
    // q is 0 to 1 with at most three decimals (RFC 9110 §12.4.2); a range with any other q is dropped, and a
    // header whose ranges were all dropped for their q named types all the same: 406, not the YAML default
    ['application/json;q=1.5', undefined],
    ['application/json;q=0.1234', undefined],
    ['application/json;q=-1', undefined],
    ['application/json;q=', undefined],
    ['application/json;q=1.5, application/xml;q=0.5', 'xml'],
    ['application/json;q=1.000', 'json'],
    ['application/json;q=1., application/xml;q=0.999', 'json'],
    ['application/json;q=0.001', 'json'],
    [',,,', 'yaml'],
    // nothing acceptable ⇒ undefined (406)
    ['text/html', undefined],
    ['image/png, text/plain;q=0.5', undefined],
    ['application/json;q=0', undefined],
    ['*/*;q=0', undefined],
  ];
  it.each(table)('Accept: %j → %s', (accept, expected) => {
    expect(negotiateResponseFormat(accept)).toBe(expected);
  });
});

describe('invalidQualities: the q values that dropped their range, for the 406 message', () => {
  it.each([
    [undefined, []],
    ['application/json', []],
    ['application/json;q=.2', []],
    ['application/json;q=1.5, application/xml;q=high, text/yaml;q=0.5', ['1.5', 'high']],
  ])('Accept: %j → %j', (accept, expected) => {
    expect(invalidQualities(accept)).toEqual(expected);
  });
});

describe('responseMediaType: the label that Accept allows (RFC 9110 §12.5.1)', () => {
  const table: [string | undefined, 'yaml' | 'json' | 'xml', string | undefined][] = [
    // the format's own type serves these
    [undefined, 'yaml', undefined],
    ['*/*', 'yaml', undefined],
    ['application/*', 'json', undefined],
    ['application/yaml', 'yaml', undefined],
    ['application/yaml, text/yaml', 'yaml', undefined],
    // another name of the format, asked for by name or by its type
    ['text/*', 'yaml', 'text/yaml'],
    ['text/yaml', 'yaml', 'text/yaml'],
    ['application/x-yaml', 'yaml', 'application/x-yaml'],
    ['text/xml', 'xml', 'text/xml'],
    ['text/xml, application/xml;q=0.5', 'xml', 'text/xml'],
    ['application/xml;q=0.5, text/*', 'xml', 'text/xml'],
    ['text/json, */*;q=0.1', 'json', 'text/json'],
    // a type refused with q=0 is not used as the label
    ['text/yaml;q=0, */*', 'yaml', undefined],
  ];
  it.each(table)('Accept: %j, %s → %s', (accept, format, expected) => {
    expect(responseMediaType(accept, format)).toBe(expected);
  });
});

describe('formatFromContentType (EB-HTTP-03, EB-HTTP-13)', () => {
  const table: [string | undefined, string][] = [
    [undefined, 'yaml'],
    ['', 'yaml'],
    ['application/yaml', 'yaml'],
    ['application/yaml; charset=utf-8', 'yaml'],
    ['text/yaml', 'yaml'],
    ['application/x-yaml', 'yaml'],
    ['application/json', 'json'],
    ['Application/JSON ; charset="UTF-8"', 'json'],
    ['application/vnd.ivoa.eb+json', 'json'],
    ['application/xml', 'xml'],
    ['text/xml; charset=utf-8', 'xml'],
    ['application/soap+xml', 'xml'],
    ['text/plain', 'unsupported'],
    ['application/x-www-form-urlencoded', 'unsupported'],
    ['multipart/form-data; boundary=x', 'unsupported'],
    ['nonsense', 'unsupported'],
  ];
  it.each(table)('Content-Type: %j → %s', (ct, expected) => {
    expect(formatFromContentType(ct)).toBe(expected);
  });
});
