import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsPkg from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Finding, RuleId } from '../../src/findings.js';
import { REQUIREMENTS } from '../../src/model/requirements.js';
import {
  validationJUnit,
  writeJUnit,
  writeJson,
  writeSarif,
  writeText,
  type FileReport,
} from '../../src/report/index.js';

const addFormats = addFormatsPkg.default;

const hostileMessage = 'Expected <min> & "max" ]]> here\nsecond line \u0001 end';
const files: FileReport[] = [
  {
    path: 'examples/offer set.yaml',
    format: 'yaml',
    type: 'offerset',
    valid: false,
    findings: [
      {
        ruleId: 'EB-OFF-05',
        level: 'warning',
        message: 'Memory exceeds the requested maximum.',
        pointer: '/offers/0/compute/memory',
        line: 12,
        column: 7,
      },
      {
        ruleId: 'EB-OFF-01',
        level: 'error',
        message: hostileMessage,
        pointer: '/offers/1/compute/cores',
        line: 30,
        column: 9,
        rule: 'minimum-resources',
        params: { member: 'min' },
      },
      {
        ruleId: 'EBK_DUPLICATE_KEY',
        level: 'error',
        message: 'The key "a" appears twice.',
        pointer: '/a',
        line: 2,
        column: 1,
      },
      // An ID outside this register (a report made by a newer toolkit): the writers still list it.
      { ruleId: 'EB-X-99' as RuleId, level: 'info', message: 'An extension kind.', pointer: '' },
    ],
  },
  { path: '/abs/dir/request.json', format: 'json', type: 'request', valid: true, findings: [] },
  {
    path: '-',
    format: undefined,
    type: undefined,
    valid: false,
    findings: [{ ruleId: 'EBK_EMPTY', level: 'error', message: 'The input is empty.', pointer: '' }],
  },
];

describe('text', () => {
  const out = writeText(files);
  const lines = out.trimEnd().split('\n');

  it('writes compiler-style lines, errors first, then a summary', () => {
    expect(lines[0]).toBe(`examples/offer set.yaml:2:1 error EBK_DUPLICATE_KEY The key "a" appears twice.`);
    expect(lines[1]).toMatch(/^examples\/offer set\.yaml:30:9 error EB-OFF-01 Expected <min>/);
    expect(lines[2]).toBe('examples/offer set.yaml:12:7 warning EB-OFF-05 Memory exceeds the requested maximum.');
    expect(lines[3]).toBe('examples/offer set.yaml info EB-X-99 An extension kind.');
    expect(lines[4]).toBe('- error EBK_EMPTY The input is empty.');
    expect(lines[5]).toBe('3 files: 1 valid, 2 invalid; 3 errors, 1 warning, 1 info');
  });

  it('keeps every finding on one line and has no colours unless asked', () => {
    expect(lines).toHaveLength(6);
    expect(out).not.toContain('\u001b[');
    expect(out).not.toContain('\u0001');
  });

  it('colours levels when color is true', () => {
    const coloured = writeText(files, { color: true });
    expect(coloured).toContain('\u001b[31merror\u001b[0m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[0m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(out);
  });

  it('writes the control characters of a hostile file name as \\xNN: no escape sequence or line break reaches a terminal', () => {
    const hostile: FileReport = {
      ...files[2]!,
      path: 'x\u001b]0;PWNED\u0007\u001b[2J\nfake.json',
    };
    const text = writeText([hostile]);
    expect(text.split('\n')[0]).toBe('x\\x1b]0;PWNED\\x07\\x1b[2J\\x0afake.json error EBK_EMPTY The input is empty.');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('says all valid when all are', () => {
    expect(writeText([files[1]!])).toBe('1 file: 1 valid; 0 errors, 0 warnings\n');
  });
});

describe('json', () => {
  it('round-trips to the documented shape', () => {
    const parsed = JSON.parse(writeJson(files)) as {
      files: { path: string; format: string | null; type: string | null; valid: boolean; findings: Finding[] }[];
      summary: Record<string, number>;
    };
    expect(parsed.summary).toEqual({ files: 3, valid: 1, errors: 3, warnings: 1 });
    expect(parsed.files.map((f) => [f.path, f.format, f.type, f.valid])).toEqual([
      ['examples/offer set.yaml', 'yaml', 'offerset', false],
      ['/abs/dir/request.json', 'json', 'request', true],
      ['-', null, null, false],
    ]);
    expect(parsed.files[0]?.findings[1]).toEqual(files[0]?.findings[1]);
  });
});

describe('junit', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (n) => ['testsuite', 'testcase'].includes(n),
  });

  it('the generic writer counts, escapes and parses back', () => {
    const xml = writeJUnit({
      name: 'conformance <run> & "more"',
      suites: [
        {
          name: 'core',
          cases: [
            { name: 'ok', classname: 'core.a', timeSeconds: 0.25 },
            {
              name: 'bad',
              classname: 'core.b',
              timeSeconds: 1,
              failure: { message: hostileMessage, body: `body ${hostileMessage}` },
            },
            { name: 'crash', classname: 'core.c', error: { message: 'threw', body: 'stack' } },
            { name: 'skip', classname: 'core.d', skipped: { message: 'needs expiry class' } },
          ],
        },
        { name: 'empty', cases: [] },
      ],
    });
    const doc = parser.parse(xml, true) as {
      testsuites: {
        name: string;
        tests: string;
        failures: string;
        errors: string;
        skipped: string;
        time: string;
        testsuite: { name: string; testcase?: Record<string, unknown>[] }[];
      };
    };
    expect(doc.testsuites).toMatchObject({
      name: 'conformance <run> & "more"',
      tests: '4',
      failures: '1',
      errors: '1',
      skipped: '1',
      time: '1.250',
    });
    const cases = doc.testsuites.testsuite[0]?.testcase ?? [];
    expect(cases.map((c) => c.name)).toEqual(['ok', 'bad', 'crash', 'skip']);
    const failure = cases[1]?.failure as { message: string; '#text': string };
    expect(failure.message).toBe('Expected <min> & "max" ]]> here second line  end');
    expect(failure['#text']).toContain('Expected <min> & "max" ]]> here\nsecond line');
    expect(cases[3]?.skipped).toEqual({ message: 'needs expiry class' });
    expect(doc.testsuites.testsuite[1]).toMatchObject({ name: 'empty', tests: '0' });
  });

  it('the validation adapter: a case per file, failures for invalid files', () => {
    const doc = parser.parse(validationJUnit(files)) as {
      testsuites: { tests: string; failures: string; testsuite: { testcase: Record<string, unknown>[] }[] };
    };
    expect(doc.testsuites).toMatchObject({ tests: '3', failures: '2' });
    const [first, second, third] = doc.testsuites.testsuite[0]?.testcase ?? [];
    expect(first).toMatchObject({ name: 'examples/offer set.yaml', classname: 'ebkit.validate.offerset' });
    const body = (first?.failure as { '#text': string })['#text'];
    expect(body.split('\n')).toHaveLength(4);
    expect(body).toContain('examples/offer set.yaml:2:1 error EBK_DUPLICATE_KEY');
    expect(second?.failure).toBeUndefined();
    expect(third).toMatchObject({ classname: 'ebkit.validate.unknown' });
  });
});

describe('sarif', () => {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // the published schema is draft-04; its keywords here are draft-07 compatible once `id` is renamed
  const raw = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const { $schema: _drop, id, ...rest } = raw;
  // one pattern in the published schema (language) is not valid with the u flag
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validateSarif = ajv.compile({ ...rest, $id: String(id) });

  const log = JSON.parse(writeSarif(files)) as {
    version: string;
    runs: {
      tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: {
          physicalLocation: {
            artifactLocation: { uri: string; uriBaseId?: string };
            region?: { startLine: number; startColumn?: number };
          };
          logicalLocations: { fullyQualifiedName: string }[];
        }[];
      }[];
      originalUriBaseIds: Record<string, { uri: string }>;
    }[];
  };

  it('is valid against the SARIF 2.1.0 JSON Schema', () => {
    const ok = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check would catch a broken log', () => {
    const broken = structuredClone(log);
    (broken.runs[0]!.results[0] as unknown as Record<string, unknown>).level = 'fatal';
    expect(validateSarif(broken)).toBe(false);
  });

  it('lists the requirement register as rules, severity from MUST/SHOULD/MAY', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    for (const r of REQUIREMENTS) {
      const rule = rules.find((x) => x.id === r.id);
      expect(rule?.defaultConfiguration.level).toBe({ MUST: 'error', SHOULD: 'warning', MAY: 'note' }[r.level]);
    }
    expect(rules.some((r) => r.id === 'EBK_DUPLICATE_KEY')).toBe(true);
    expect(rules.some((r) => r.id === 'EB-X-99')).toBe(true);
  });

  it('maps results: level, region, pointer, rule index, file URI', () => {
    const { results, tool } = log.runs[0]!;
    expect(results).toHaveLength(5);
    for (const r of results) expect(tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    const off01 = results.find((r) => r.ruleId === 'EB-OFF-01')!;
    expect(off01.level).toBe('error');
    expect(off01.locations[0]?.physicalLocation.region).toEqual({ startLine: 30, startColumn: 9 });
    expect(off01.locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: 'examples/offer%20set.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(off01.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe('/offers/1/compute/cores');
    expect(results.find((r) => r.ruleId === 'EB-X-99')?.level).toBe('note');
    expect(results.find((r) => r.ruleId === 'EBK_EMPTY')?.locations[0]?.physicalLocation.region).toBeUndefined();
  });

  it('a relative path resolves against %SRCROOT%, the directory it is relative to; an absolute one needs no base', () => {
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: pathToFileURL(process.cwd() + '/').href } });
    const other = JSON.parse(
      writeSarif([{ ...files[0]!, path: '/data/x.yaml' }], { srcRoot: '/work/repo' }),
    ) as typeof log;
    expect(other.runs[0]!.originalUriBaseIds['%SRCROOT%']?.uri).toBe('file:///work/repo/');
    expect(other.runs[0]!.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: 'file:///data/x.yaml',
    });
  });
});
