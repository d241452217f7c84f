import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate, validateBytes } from '../../src/validate/index.js';
import { EB_NS, objectToXml } from '../../src/xml/index.js';
import { serialize } from '../../src/serialize/index.js';
import { parse } from '../../src/parse/index.js';

const ids = (d: { findings: { ruleId: string }[] }): string[] => d.findings.map((f) => f.ruleId);

describe('limits and decoding', () => {
  it('refuses input over maxBytes before parsing', () => {
    const d = parse(new TextEncoder().encode('{"a": "' + 'x'.repeat(200) + '"}'), { maxBytes: 100 });
    expect(ids(d)).toEqual(['EBK_TOO_LARGE']);
    expect(d.value).toBeUndefined();
    expect(d.findings[0]?.params).toMatchObject({ maxBytes: 100 });
  });

  it('counts bytes, not characters, for string input', () => {
    const s = '"' + 'é'.repeat(60) + '"'; // 62 chars, 122 bytes
    expect(ids(parse(s, { maxBytes: 100, format: 'json' }))).toEqual(['EBK_TOO_LARGE']);
    expect(ids(parse(s, { maxBytes: 130, format: 'json' }))).toEqual([]);
  });

  it('uses a 10 MiB default limit', () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x20);
    expect(ids(parse(big))).toEqual(['EBK_TOO_LARGE']);
  });

  it('reports invalid UTF-8 with the offending byte and line', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a: 1\nb: "'), 0xc3, 0x28, 0x22, 0x0a]);
    const d = parse(bytes, { format: 'yaml' });
    expect(ids(d)).toEqual(['EBK_BAD_ENCODING']);
    expect(d.findings[0]).toMatchObject({ line: 2, params: { byteOffset: 9 } });
    expect(d.value).toBeUndefined();
  });

  const XML_BODY = '<error xmlns="http://www.ivoa.net/xml/ExecutionBroker/v1.0"><code>é</code></error>';
  it.each([
    ['UTF-16LE', (t: string) => Buffer.from(t, 'utf16le'), [0xff, 0xfe]],
    ['UTF-16BE', (t: string) => Buffer.from(t, 'utf16le').swap16(), [0xfe, 0xff]],
  ] as const)('reads a %s file by its byte order mark alone (YAML 1.2 §5.2, XML 1.0 §4.3.3)', (_name, encode, bom) => {
    const yaml = parse(Buffer.concat([Buffer.from(bom), encode('executable:\n  kind: "ü"\n')]));
    expect(yaml.findings).toEqual([]);
    expect(yaml.value).toEqual({ executable: { kind: 'ü' } });
    const xml = parse(Buffer.concat([Buffer.from(bom), encode(`<?xml version="1.0" encoding="UTF-16"?>${XML_BODY}`)]));
    expect(xml.findings).toEqual([]);
    expect(xml.text).toBe(`<?xml version="1.0" encoding="UTF-8"?>${XML_BODY}`);
    // The mark wins over a label that says UTF-8, as it does for UTF-8's own mark over any label.
    const labelled = parse(Buffer.concat([Buffer.from(bom), encode('{"a": 1}')]), {
      mediaType: 'application/json; charset=utf-8',
    });
    expect(labelled.value).toEqual({ a: 1 });
  });

  it('reads UTF-16 without a byte order mark by where its NUL bytes fall (YAML 1.2 §5.2, XML 1.0 Appendix F)', () => {
    const le = Buffer.from('executable:\n  kind: "ü"\n', 'utf16le');
    expect(parse(le).value).toEqual({ executable: { kind: 'ü' } });
    expect(parse(Buffer.from(le).swap16()).value).toEqual({ executable: { kind: 'ü' } });
    const xml = parse(Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${XML_BODY}`, 'utf16le'));
    expect(xml.findings).toEqual([]);
    // Bytes that only look so (an odd count) are judged as UTF-8: NULs, not a document.
    const odd = parse(Buffer.from([0x61, 0x00, 0x62, 0x00, 0x63]));
    expect(odd.value).toBeUndefined();
    expect(odd.findings[0]?.message).toMatch(/control characters/);
  });

  it('names a UTF-32 file by its byte order mark and says to save it as UTF-8', () => {
    const text = 'executable:\n  kind: x\n';
    const body = Buffer.from([...text].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]));
    const d = parse(Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), body]));
    expect(ids(d)).toEqual(['EBK_BAD_ENCODING']);
    expect(d.findings[0]).toMatchObject({
      line: 1,
      column: 1,
      message: 'The input is UTF-32LE (it starts with the byte order mark FF FE 00 00), not UTF-8; save it as UTF-8.',
      params: { encoding: 'UTF-32LE' },
    });
  });

  it('reads bytes in the charset their media type declares, and an XML declaration names', () => {
    const latin1 = Buffer.from('{"name": "Café"}', 'latin1');
    expect(parse(latin1, { mediaType: 'application/json; charset=ISO-8859-1' }).value).toEqual({ name: 'Café' });
    expect(parse(latin1, { mediaType: 'application/json;Charset="latin1"' }).value).toEqual({ name: 'Café' });
    expect(ids(parse(latin1, { mediaType: 'application/json' }))).toEqual(['EBK_BAD_ENCODING']);
    const xml = Buffer.from("<?xml version='1.0' encoding='ISO-8859-1'?>\n<error><code>é</code></error>", 'latin1');
    expect(parse(xml).text).toContain('<code>é</code>');
    // The header wins over the declaration, as HTTP says.
    const utf8Xml = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><error><code>é</code></error>');
    expect(parse(utf8Xml, { mediaType: 'application/xml; charset=utf-8' }).text).toContain('<code>é</code>');
    const utf16 = Buffer.from('\ufeffa: "ü"\n', 'utf16le');
    expect(parse(utf16, { mediaType: 'application/yaml; charset=utf-16' }).value).toEqual({ a: 'ü' });
  });

  it('takes a label for what it can mean: a UTF-8 body mislabelled Latin-1, a BOM, an ASCII declaration saying UTF-16', () => {
    // Valid UTF-8 under a single-byte label is UTF-8 (for JSON, RFC 8259 gives the parameter no meaning).
    const utf8 = Buffer.from('{"name": "Café"}');
    expect(parse(utf8, { mediaType: 'application/json; charset=ISO-8859-1' }).value).toEqual({ name: 'Café' });
    // A UTF-8 byte order mark wins over the label.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    expect(parse(bom, { mediaType: 'application/json; charset=latin1' }).value).toEqual({ name: 'Café' });
    // Bytes that begin `<?` are ASCII-compatible: a declaration saying UTF-16 cannot be right, so it is not obeyed.
    const ascii = Buffer.from('<?xml version="1.0" encoding="UTF-16"?><error><code>X</code></error>');
    expect(parse(ascii).text).toContain('<code>X</code>');
    // Decoded from UTF-16, an XML declaration says UTF-8: the text is handed on as UTF-8.
    const wide = Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-16"?><error/>', 'utf16le');
    expect(parse(wide, { mediaType: 'application/xml; charset=utf-16' }).text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><error/>',
    );
  });

  it('names a declared charset it cannot decode, and bytes that are not valid in the one declared', () => {
    const d = parse(Buffer.from('a: 1'), { mediaType: 'application/yaml; charset=x-unknown' });
    expect(ids(d)).toEqual(['EBK_BAD_ENCODING']);
    expect(d.findings[0]?.message).toBe(
      'The input declares the charset x-unknown, which cannot be decoded here; send it as UTF-8.',
    );
    const odd = parse(Buffer.from([0x61, 0x00, 0x3a]), { mediaType: 'application/yaml; charset=utf-16le' });
    expect(odd.findings[0]?.message).toBe('The input is not valid utf-16le (its declared charset utf-16le).');
    // The size limit comes first, whatever the charset.
    expect(ids(parse(Buffer.alloc(200, 0x20), { maxBytes: 100, mediaType: 'text/yaml; charset=latin1' }))).toEqual([
      'EBK_TOO_LARGE',
    ]);
  });

  it('accepts and strips a BOM, from bytes and from strings', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a": 1}')]);
    const d = parse(bytes);
    expect(d.findings).toEqual([]);
    expect(d.value).toEqual({ a: 1 });
    expect(d.text.startsWith('{')).toBe(true);
    expect(parse('\ufeffa: 1').value).toEqual({ a: 1 });
  });

  it.each(['', '   \n\t', '\ufeff'])('reports empty input %j', (input) => {
    const d = parse(input);
    expect(ids(d)).toEqual(['EBK_EMPTY']);
    expect(d.value).toBeUndefined();
  });

  it('reports a YAML stream with only comments as empty', () => {
    expect(ids(parse('# nothing here\n', { format: 'yaml' }))).toEqual(['EBK_EMPTY']);
  });

  it('says when binary input is no known format', () => {
    const d = parse('\u0000\u0001\u0002garbage');
    expect(d.format).toBeUndefined();
    expect(ids(d)).toEqual(['EBK_UNKNOWN_FORMAT']);
  });
});

describe('depth bombs', () => {
  it.each([
    ['JSON arrays', '['.repeat(100_000) + ']'.repeat(100_000), 'json'],
    ['JSON objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), 'json'],
    ['YAML flow', 'a: ' + '['.repeat(50_000) + ']'.repeat(50_000), 'yaml'],
    ['YAML flow mappings', '{a: '.repeat(5000) + '1' + '}'.repeat(5000), 'yaml'],
    ['YAML block', Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n', 'yaml'],
    ['YAML compact sequences', '- '.repeat(3000) + 'x\n', 'yaml'],
  ] as const)('%s give EBK_TOO_DEEP with a position', (_name, text, format) => {
    const d = parse(text, { format });
    expect(ids(d)).toContain('EBK_TOO_DEEP');
    expect(d.value).toBeUndefined();
    expect(d.findings[0]?.line).toBeGreaterThanOrEqual(1);
  });

  it('survives repeated deep flow YAML behind an earlier error (the slow `yaml` path)', () => {
    // js-yaml fails on the duplicate first, so the slow path must guard the depth itself
    const text = 'a: 1\na: 2\nb: ' + '['.repeat(20_000) + ']'.repeat(20_000);
    for (let i = 0; i < 3; i++) expect(ids(parse(text, { format: 'yaml' }))).toContain('EBK_TOO_DEEP');
  });

  it('accepts exactly maxDepth levels and refuses one more (JSON and YAML agree)', () => {
    const nest = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    expect(ids(parse(nest(64)))).toEqual([]);
    expect(ids(parse(nest(65)))).toEqual(['EBK_TOO_DEEP']);
    expect(ids(parse('x: ' + nest(63), { format: 'yaml' }))).toEqual([]);
    expect(ids(parse('x: ' + nest(64), { format: 'yaml' }))).toEqual(['EBK_TOO_DEEP']);
    expect(ids(parse(nest(10), { maxDepth: 5 }))).toEqual(['EBK_TOO_DEEP']);
  });

  it('refuses deeply nested XML', () => {
    const xml = '<a>'.repeat(5000) + '</a>'.repeat(5000);
    const d = parse(xml, { format: 'xml' });
    expect(ids(d)).toContain('EBK_TOO_DEEP');
    expect(d.value).toBeUndefined();
  });
});

describe('YAML aliases', () => {
  it('stops a billion laughs (many aliases) with EBK_ALIAS_LIMIT', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) {
      lines.push(
        `${names[i]}: &${names[i]} [${Array(9)
          .fill('*' + names[i - 1])
          .join(',')}]`,
      );
    }
    const d = parse(lines.join('\n'), { format: 'yaml' });
    expect(ids(d)).toEqual(['EBK_ALIAS_LIMIT']);
    expect(d.value).toBeUndefined();
  });

  it('stops a doubling bomb that stays under the alias count', () => {
    const lines = ['a0: &a0 [x, x]'];
    for (let i = 1; i <= 24; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
    const d = parse(lines.join('\n'), { format: 'yaml' });
    expect(ids(d)).toEqual(['EBK_ALIAS_LIMIT']);
    expect(d.value).toBeUndefined();
  });

  it('expands a harmless alias into an independent copy', () => {
    const d = parse('base: &b {cores: 2}\nother: *b\n', { format: 'yaml' });
    expect(d.findings).toEqual([]);
    const v = d.value as { base: object; other: object };
    expect(v.other).toEqual({ cores: 2 });
    expect(v.other).not.toBe(v.base);
  });
});

describe('duplicate keys', () => {
  it('JSON: reported with pointer and the position of the repeated key', () => {
    const d = parse('{\n  "meta": {\n    "name": "a",\n    "name": "b"\n  }\n}');
    expect(d.findings).toEqual([
      expect.objectContaining({
        ruleId: 'EBK_DUPLICATE_KEY',
        level: 'error',
        pointer: '/meta/name',
        line: 4,
        column: 5,
      }),
    ]);
    expect(d.value).toEqual({ meta: { name: 'b' } });
  });

  it('JSON: the same key in different objects is not a duplicate', () => {
    expect(parse('[{"a": 1}, {"a": 2}, {"b": {"a": 3}}]').findings).toEqual([]);
  });

  it('JSON: escaped spellings of the same key are duplicates', () => {
    expect(ids(parse('{"ab": 1, "a\\u0062": 2}'))).toEqual(['EBK_DUPLICATE_KEY']);
  });

  it('JSON: a colon inside a string is not counted as a key', () => {
    expect(parse('{"url": "http://x:80/a:b", "t": "\\"a:b\\""}').findings).toEqual([]);
  });

  it('YAML: reported with pointer, line and column', () => {
    const d = parse('meta:\n  name: a\n  uuid: x\n  name: b\n', { format: 'yaml' });
    expect(d.findings).toEqual([
      expect.objectContaining({ ruleId: 'EBK_DUPLICATE_KEY', pointer: '/meta/name', line: 4, column: 3 }),
    ]);
  });
});

describe('unsafe keys never pollute prototypes', () => {
  const hostile = {
    json: '{"__proto__": {"polluted": "yes"}, "a": {"constructor": {"prototype": {"polluted": "yes"}}}, "b": [{"prototype": 1}]}',
    yaml: '__proto__:\n  polluted: yes\na:\n  constructor:\n    prototype:\n      polluted: yes\nb:\n  - prototype: 1\n',
  };

  it.each(Object.entries(hostile))('%s: keys reported and removed', (format, text) => {
    const d = parse(text, { format: format as 'json' | 'yaml' });
    expect(d.findings.map((f) => [f.ruleId, f.pointer])).toEqual(
      expect.arrayContaining([
        ['EBK_UNSAFE_KEY', '/__proto__'],
        ['EBK_UNSAFE_KEY', '/a/constructor'],
        ['EBK_UNSAFE_KEY', '/b/0/prototype'],
      ]),
    );
    expect(d.findings.every((f) => f.line !== undefined)).toBe(true);
    expect(d.value).toEqual({ a: {}, b: [{}] });
    const copy = Object.assign({}, d.value, JSON.parse(JSON.stringify(d.value)) as object);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((copy as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('XML: __proto__ elements do not pollute', () => {
    parse(
      '<offerset xmlns="http://www.ivoa.net/xml/ExecutionBroker/v1.0"><__proto__><polluted>yes</polluted></__proto__></offerset>',
      {
        format: 'xml',
      },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a word like "constructor" inside a string value is harmless', () => {
    const d = parse('{"description": "the constructor of __proto__ chains"}');
    expect(d.findings).toEqual([]);
    expect(d.value).toEqual({ description: 'the constructor of __proto__ chains' });
  });
});

describe('numbers', () => {
  it('JSON: 2^60 is reported with its pointer', () => {
    const d = parse('{"size": {"min": 1152921504606846976}}');
    expect(d.findings).toEqual([
      expect.objectContaining({ ruleId: 'EBK_UNSAFE_NUMBER', pointer: '/size/min', line: 1, column: 18 }),
    ]);
  });

  // The schema's integers are int64 (a Java broker's Long); past ±2^53−1 a double holds only a neighbour.
  it.each([
    ['json', '{"cores": {"max": 9223372036854775807}}', 'warning'],
    ['yaml', 'cores:\n  max: 9223372036854775807\n', 'warning'],
    ['json', '{"cores": {"max": -9223372036854775808}}', 'warning'],
    ['json', '{"cores": {"max": 9223372036854776000}}', 'warning'],
    ['json', '{"cores": {"max": 9223372036854775808}}', 'warning'],
    ['json', '{"cores": {"max": 9300000000000000000}}', 'error'],
    ['yaml', 'cores:\n  max: 92233720368547758070\n', 'error'],
  ] as const)(
    '%s %j: within int64 a warning (the document may carry it), past int64 an error',
    (format, text, level) => {
      const d = parse(text, { format });
      expect(d.findings).toEqual([
        expect.objectContaining({ ruleId: 'EBK_UNSAFE_NUMBER', pointer: '/cores/max', level }),
      ]);
      expect(d.findings[0]!.message).toMatch(level === 'warning' ? /within int64/ : /past int64/);
      // A literal past int64 that reads as its bound is said to be past it, not to be within it as written.
      const literal = /-?\d{19,}/.exec(text)![0];
      const past = BigInt(literal) > 2n ** 63n - 1n || BigInt(literal) < -(2n ** 63n);
      expect(/past int64/.test(d.findings[0]!.message), literal).toBe(past);
    },
  );

  it('what JSON.stringify and the YAML writer make of Long.MAX_VALUE (9223372036854776000) reads back alike', () => {
    const doc = parse('{"cores": {"max": 9223372036854775807}}', { format: 'json' });
    for (const format of ['json', 'yaml'] as const) {
      const again = parse(serialize(doc.value, format, 'request'), { format });
      expect(again.value, format).toEqual(doc.value);
      expect(
        again.findings.map((f) => f.level),
        format,
      ).toEqual(['warning']);
    }
  });

  it('a Long.MAX_VALUE maximum is a valid request in JSON and XML alike (xs:long holds it)', async () => {
    const text = readFileSync('spec/examples/valid/request-docker-ports-volumes.json', 'utf8');
    const json = text.replace(/("cores": \{\s*"min": \d+,\s*"max": )\d+/, '$19223372036854775807');
    expect(json).toContain('9223372036854775807');
    const fromJson = validate(parse(json), { type: 'request' });
    expect(fromJson.valid).toBe(true);
    expect(fromJson.findings.filter((f) => f.level !== 'info').map((f) => [f.ruleId, f.level])).toEqual([
      ['EBK_UNSAFE_NUMBER', 'warning'],
    ]);
    // Written as XML, it is the Long it was (the double it reads as is 2^63, one past int64 written as it is).
    const xml = objectToXml(parse(json).value, 'request');
    expect(xml).toContain('<max>9223372036854775807</max>');
    const fromXml = await validateBytes(xml, { type: 'request' });
    expect(fromXml.valid).toBe(true);
    // The same warning, at the same member, in every format (EB-XML-01: one document, one verdict).
    const warning = fromXml.findings.find((f) => f.ruleId === 'EBK_UNSAFE_NUMBER');
    expect(warning).toMatchObject({ level: 'warning', pointer: '/compute/cores/max' });
    expect(warning?.line).toBeGreaterThan(1);
    expect(fromJson.findings.find((f) => f.ruleId === 'EBK_UNSAFE_NUMBER')?.pointer).toBe(warning?.pointer);
  });

  it('XML: an integer past 2^53−1 warns at its element, 2^53−1 does not (as in JSON)', () => {
    const xml = (v: string) =>
      `<offers-request xmlns="${EB_NS}"><compute><cores><min>1</min><max>${v}</max></cores></compute></offers-request>`;
    const big = parse(xml('9007199254740993'), { format: 'xml' });
    expect(big.findings).toEqual([
      expect.objectContaining({ ruleId: 'EBK_UNSAFE_NUMBER', level: 'warning', pointer: '/compute/cores/max' }),
    ]);
    expect(ids(parse(xml('9007199254740991'), { format: 'xml' }))).toEqual([]);
  });

  it('JSON: 2^53-1, long fractions and -2^53+1 are fine', () => {
    expect(parse('[9007199254740991, -9007199254740991, 0.12345678901234567, 1e300]').findings).toEqual([]);
    expect(ids(parse('[9007199254740993]'))).toEqual(['EBK_UNSAFE_NUMBER']);
  });

  it.each([
    ['{"cores": {"min": 1e400}}', 'json', /1e400 is beyond the range of a double/],
    ['{"cores": {"min": -1E+999}}', 'json', /-1E\+999 is beyond the range of a double/],
    ['{"cores": {"min": 1e-400}}', 'json', /1e-400 is too close to zero .* read as 0/],
    ['cores:\n  min: 1e-400\n', 'yaml', /1e-400 is too close to zero/],
    ['cores:\n  min: .inf\n', 'yaml', /\.inf is not finite/],
    ['cores:\n  min: -.Inf\n', 'yaml', /-\.Inf is not finite/],
    ['cores:\n  min: .nan\n', 'yaml', /\.nan is not finite/],
  ] as const)(
    '%j (%s): a number a double cannot hold is reported at its pointer, not validated as null or 0',
    (text, format, message) => {
      const d = parse(text, { format });
      expect(d.findings).toEqual([
        expect.objectContaining({
          ruleId: 'EBK_UNSAFE_NUMBER',
          pointer: '/cores/min',
          level: 'error',
          message: expect.stringMatching(message),
        }),
      ]);
    },
  );

  it('the schema finding on such a number shows it as Infinity, not as null', () => {
    const text = readFileSync('spec/examples/valid/request-docker-ports-volumes.json', 'utf8');
    const doc = parse(text.replace(/("cores": \{\s*"min": )\d+/, '$11e400'));
    expect(doc.findings.map((f) => f.ruleId)).toEqual(['EBK_UNSAFE_NUMBER']);
    const cores = validate(doc.value, { type: 'request' }).findings.find((f) => f.pointer === '/compute/cores/min');
    expect(cores?.message).toMatch(/found Infinity$/);
  });

  it('numbers a double holds, and look-alikes in strings, are fine', () => {
    expect(
      parse('[0e-500, 0.0e-999, 1.5e-300, 4.9e-324, 1.7976931348623157e308, "x1e-400", "1e400"]').findings,
    ).toEqual([]);
    expect(parse('a: 0e-500\nb: 1.5e-300\nc: "1e-400"\n', { format: 'yaml' }).findings).toEqual([]);
  });

  it('YAML: 2^60 is reported with its pointer', () => {
    const d = parse('size:\n  min: 1152921504606846976\n', { format: 'yaml' });
    expect(d.findings).toEqual([
      expect.objectContaining({ ruleId: 'EBK_UNSAFE_NUMBER', pointer: '/size/min', line: 2 }),
    ]);
  });
});

describe('YAML oddities', () => {
  it('keeps timestamps and yes/no as strings (core schema)', () => {
    const d = parse('created: 2026-08-14T10:55:00Z\nday: 2026-08-14\nflag: yes\n', { format: 'yaml' });
    expect(d.value).toEqual({ created: '2026-08-14T10:55:00Z', day: '2026-08-14', flag: 'yes' });
  });

  it('reports a multi-document stream and reads the first document', () => {
    const d = parse('a: 1\n---\nb: 2\n', { format: 'yaml' });
    expect(d.findings).toEqual([expect.objectContaining({ ruleId: 'EBK_SYNTAX', level: 'error', line: 2 })]);
    expect(d.value).toEqual({ a: 1 });
  });

  it('reports code tags like !!js/function and never runs them', () => {
    const d = parse('a: !!js/function "function () { globalThis.hacked = 1 }"\n', { format: 'yaml' });
    expect(d.findings).toEqual([expect.objectContaining({ ruleId: 'EBK_SYNTAX', level: 'error', line: 1, column: 4 })]);
    expect(typeof (d.value as { a: unknown }).a).toBe('string');
    expect((globalThis as Record<string, unknown>).hacked).toBeUndefined();
  });

  it('reports non-string keys', () => {
    const d = parse('1: a\ntrue: b\nok: c\n', { format: 'yaml' });
    expect(d.findings.map((f) => [f.ruleId, f.pointer, f.line])).toEqual([
      ['EBK_SYNTAX', '/1', 1],
      ['EBK_SYNTAX', '/true', 2],
    ]);
    expect(d.value).toEqual({ 1: 'a', true: 'b', ok: 'c' });
  });

  it('reports a complex (collection) key as an error', () => {
    const d = parse('? [a, b]\n: c\n', { format: 'yaml' });
    expect(d.findings.some((f) => f.ruleId === 'EBK_SYNTAX' && f.level === 'error')).toBe(true);
  });

  it('reports a syntax error with line and column', () => {
    const d = parse('a: 1\nb: [1, 2\nc: 3\n', { format: 'yaml' });
    expect(d.value).toBeUndefined();
    expect(d.findings[0]).toMatchObject({ ruleId: 'EBK_SYNTAX', level: 'error' });
    expect(d.findings[0]?.line).toBeGreaterThanOrEqual(2);
  });
});

describe('XML', () => {
  it('refuses DOCTYPE and entities', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<offerset>&x;</offerset>';
    const d = parse(xxe, { format: 'xml' });
    expect(ids(d)).toContain('EBK_DOCTYPE');
    expect(d.value).toBeUndefined();
    expect(JSON.stringify(d)).not.toContain('root:');
  });

  it('refuses an internal-entity billion laughs', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><offerset>&lol2;</offerset>';
    expect(ids(parse(lol, { format: 'xml' }))).toContain('EBK_DOCTYPE');
  });

  it('reports malformed XML as a finding', () => {
    const d = parse('<offerset><result>YES</offerset>', { format: 'xml' });
    expect(d.findings.length).toBeGreaterThan(0);
    expect(d.findings.every((f) => f.ruleId.startsWith('EBK_'))).toBe(true);
  });
});

describe('duplicate detection cannot be masked', () => {
  it.each([
    ['a spaced separator', '{"a" : 1, "a": 2}'],
    ['an escaped quote before a colon in a string', '{"s": "x\\":", "a": 1, "a": 2}'],
    ['a colon inside a key', '{"a:b": 1, "c": {"d": 1, "d": 2}}'],
    ['a duplicate whose value held members', '{"a": {"x": 1, "y": 2}, "a": 3}'],
  ])('%s', (_name, text) => {
    expect(parse(text, { format: 'json' }).findings.map((f) => f.ruleId)).toEqual(['EBK_DUPLICATE_KEY']);
  });
});

describe('YAML with a raw control character', () => {
  it('is refused with where and which, not read with a warning (YAML 1.2 §5.1 allows printable characters only)', () => {
    for (const c of ['\u0000', '\u0007', '\u001b', '\u007f']) {
      const text = `executable:\n  location: https://example.org/q${c}.ipynb\n`;
      const r = parse(text, { format: 'yaml' });
      expect(r.value, JSON.stringify(c)).toBeUndefined();
      const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      expect(r.findings).toEqual([
        expect.objectContaining({ ruleId: 'EBK_SYNTAX', level: 'error', line: 2, column: 34 }),
      ]);
      expect(r.findings[0]?.message).toContain(`control character U+${code}`);
    }
  });

  it('the same character written as an escape is read', () => {
    const r = parse('a: "x\\x00y\\ty"\n', { format: 'yaml' });
    expect(r.findings).toEqual([]);
    expect(r.value).toEqual({ a: 'x\u0000y\ty' });
  });

  it('tab, CR and LF are printable', () => {
    const r = parse('a:\tb\r\nc: d\n', { format: 'yaml' });
    expect(r.findings.filter((f) => f.level === 'error')).toEqual([]);
  });
});

describe('text XML 1.0 does not allow', () => {
  const xml = (body: string): string =>
    `<?xml version="1.0"?>\n<offers-request xmlns="https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0">\n  ${body}\n</offers-request>\n`;

  it.each([
    ['a C0 control character', '<executable>x\u0001y</executable>', 'U+0001 is not a character XML 1.0 allows'],
    ['U+FFFE', '<executable>x\uFFFEy</executable>', 'U+FFFE is not a character XML 1.0 allows'],
    ['a lone surrogate', '<executable>x\uD800y</executable>', 'U+D800 is not a character XML 1.0 allows'],
    ['"]]>" in text', '<executable>x]]>y</executable>', '"]]>" may not appear in text'],
  ])('%s is a syntax error at its place, before any XSD', (_name, body, why) => {
    const d = parse(xml(body), { format: 'xml' });
    expect(d.value).toBeUndefined();
    expect(d.findings).toEqual([
      expect.objectContaining({ ruleId: 'EBK_SYNTAX', line: 3, column: 16, message: expect.stringContaining(why) }),
    ]);
  });

  it('"]]>" ending a CDATA section, or inside an attribute value, comment or PI, is XML', () => {
    const d = parse(xml('<!-- a ]]> b --><?pi ]]>?><executable kind="a]]>b"><![CDATA[x]]></executable>'), {
      format: 'xml',
    });
    expect(d.findings.filter((f) => f.ruleId === 'EBK_SYNTAX')).toEqual([]);
  });
});

describe('a %YAML 1.1 directive', () => {
  it('is read as YAML 1.2, with a warning saying what reads otherwise in 1.1 (SnakeYAML, PyYAML)', () => {
    const d = parse('%YAML 1.1\n---\nprivileged: off\nmode: 0755\n', { format: 'yaml' });
    expect(d.value).toEqual({ privileged: 'off', mode: 755 });
    expect(d.findings).toEqual([
      expect.objectContaining({ ruleId: 'EBK_YAML_VERSION', level: 'warning', line: 1, column: 1 }),
    ]);
    expect(d.findings[0]!.message).toMatch(/declares YAML 1\.1, but is read as YAML 1\.2/);
  });

  it('says nothing of YAML 1.2 or of no directive', () => {
    expect(parse('%YAML 1.2\n---\na: off\n', { format: 'yaml' }).findings).toEqual([]);
    expect(parse('a: off\n', { format: 'yaml' }).findings).toEqual([]);
  });
});
