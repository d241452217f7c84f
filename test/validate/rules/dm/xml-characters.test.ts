import { describe, expect, it } from 'vitest';
import xmlCharacters from '../../../../src/validate/rules/dm/xml-characters.js';
import { validate } from '../../../../src/validate/index.js';
import { parse } from '../../../../src/parse/index.js';
import { objectToXml, xmlToObject } from '../../../../src/xml/index.js';
import { session } from '../../helpers/fixtures.js';
import { testRule } from '../../helpers/test-rule.js';

const named = (name: string) => {
  const d = session();
  d.meta.name = name;
  return d;
};

testRule(xmlCharacters, [
  {
    name: 'tab, line ends, astral and private-use characters pass',
    type: 'session',
    doc: named('a\tb\nc\r😀\uE000'),
    findings: [],
  },
  {
    name: 'a C0 control fails',
    type: 'session',
    doc: named('a\u0001b'),
    findings: [{ ruleId: 'EB-XML-02', pointer: '/meta/name' }],
    level: 'error',
  },
  {
    name: 'NUL fails',
    type: 'session',
    doc: named('\u0000'),
    findings: [{ ruleId: 'EB-XML-02', pointer: '/meta/name' }],
  },
  {
    name: 'a lone surrogate fails',
    type: 'session',
    doc: named('x\uD800'),
    findings: [{ ruleId: 'EB-XML-02', pointer: '/meta/name' }],
  },
  {
    name: 'U+FFFF fails',
    type: 'session',
    doc: named('\uFFFF'),
    findings: [{ ruleId: 'EB-XML-02', pointer: '/meta/name' }],
  },
  {
    name: 'a member name and an array item are found at their pointers',
    type: 'session',
    doc: { ...session(), 'x\u0007': 1, tags: ['ok', 'b\u001F'] },
    findings: [
      { ruleId: 'EB-XML-02', pointer: '/x\u0007' },
      { ruleId: 'EB-XML-02', pointer: '/tags/1' },
    ],
  },
]);

describe('why: the XML form of such a document is not the document', () => {
  it('a string with U+0001 comes back from XML changed, so the document is refused in every format', () => {
    const doc = named('a\u0001b');
    const back = xmlToObject(objectToXml(doc, 'session')).value as { meta: { name: string } };
    expect(back.meta.name).not.toBe('a\u0001b');
    expect(validate(doc, { type: 'session' }).valid).toBe(false);
  });

  it('counts characters as a reader does: an emoji before the control is one', () => {
    const [f] = validate(named('😀\u0001'), { type: 'session', rules: [xmlCharacters], schema: false }).findings;
    expect(f?.message).toMatch(/holds U\+0001 at character 2,/);
  });

  it.each([
    ['a JSON escape', 'json', '{"meta": {"name": "a\\u0001b"}}'],
    ['a JSON escape of a lone surrogate', 'json', '{"meta": {"name": "a\\ud800b"}}'],
    ['a raw U+FFFE in YAML', 'yaml', 'meta:\n  name: "a\uFFFEb"\n'],
    ['a lone surrogate in a text given as a string', 'json', '{"meta": {"name": "a\uD800b"}}'],
  ])('is found in a parsed document through %s (the text is looked at first)', (_what, format, text) => {
    const doc = parse(text, { format: format as 'json' | 'yaml' });
    const found = validate(doc, { type: 'session', rules: [xmlCharacters], schema: false }).findings;
    expect(found.map((f) => f.pointer)).toEqual(['/meta/name']);
  });

  it('stops at 20 findings', () => {
    const doc = { ...session(), many: Array.from({ length: 100 }, () => '\u0002') };
    expect(validate(doc, { type: 'session', rules: [xmlCharacters], schema: false }).findings).toHaveLength(20);
  });
});
