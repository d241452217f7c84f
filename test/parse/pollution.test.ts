import { describe, expect, it } from 'vitest';
import { parse, type Format } from '../../src/parse/index.js';
import { serialize } from '../../src/serialize/index.js';
import { validate } from '../../src/validate/index.js';

const isClean = (): void => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
};

const hostile: [Format, string][] = [
  [
    'json',
    '{"result": "YES", "__proto__": {"polluted": "yes"}, "meta": {"constructor": {"prototype": {"polluted": "yes"}}}, "offers": [{"__proto__": {"polluted": 1}}]}',
  ],
  [
    'yaml',
    'result: "YES"\n__proto__:\n  polluted: yes\nmeta:\n  constructor:\n    prototype:\n      polluted: yes\noffers:\n  - __proto__: {polluted: 1}\n',
  ],
  [
    'xml',
    '<offerset xmlns="http://www.ivoa.net/xml/ExecutionBroker/v1.0"><result>YES</result><__proto__><polluted>yes</polluted></__proto__><meta><constructor><prototype><polluted>yes</polluted></prototype></constructor></meta></offerset>',
  ],
];

describe('a hostile document never pollutes Object.prototype', () => {
  it.each(hostile)('%s: parse, validate, serialize to every format', (format, text) => {
    const doc = parse(text, { format });
    isClean();
    const result = validate(doc, { type: 'offerset' });
    isClean();
    expect(result.valid).toBe(false);
    if (doc.value !== undefined) {
      for (const out of ['json', 'yaml', 'xml'] as const) {
        const written = serialize(doc.value, out, 'offerset');
        isClean();
        expect(written).not.toContain('polluted');
        const back = parse(written, { format: out });
        validate(back, { type: 'offerset' });
        isClean();
      }
    }
  });

  it('the JSON and YAML parse findings name every unsafe key', () => {
    for (const [format, text] of hostile.slice(0, 2)) {
      const pointers = parse(text, { format })
        .findings.filter((f) => f.ruleId === 'EBK_UNSAFE_KEY')
        .map((f) => f.pointer);
      expect(pointers.sort()).toEqual([
        '/__proto__',
        '/meta/constructor',
        '/meta/constructor/prototype',
        '/offers/0/__proto__',
      ]);
    }
  });

  it('an XML element or attribute named __proto__ or constructor is EBK_UNSAFE_KEY at its place, as in JSON and YAML', () => {
    for (const [text, line, column, key] of [
      ['<offers-request xmlns="urn:x">\n  <__proto__>1</__proto__>\n</offers-request>', 2, 4, '__proto__'],
      ['<offers-request xmlns="urn:x" constructor="1"/>', 1, 31, 'constructor'],
    ] as const) {
      const d = parse(text, { format: 'xml' });
      expect(d.value).toBeUndefined();
      expect(d.findings.map((f) => [f.ruleId, f.line, f.column, f.params?.key])).toEqual([
        ['EBK_UNSAFE_KEY', line, column, key],
      ]);
      isClean();
    }
  });
});
