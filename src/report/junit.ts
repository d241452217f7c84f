import { createRequire } from 'node:module';
import type { XMLBuilder } from 'fast-xml-parser';
import { compareFindings, type Finding } from '../findings.js';
import type { FileReport } from './types.js';

/** A generic JUnit report; the conformance runner reuses it for its checks. */
export interface JUnitReport {
  name: string;
  suites: JUnitSuite[];
  /**
   * The run's wall time, when its cases ran concurrently: then the sum of their times (the default) overstates it.
   * Suites keep the sum of their cases (a case has no start time here to span).
   */
  timeSeconds?: number;
}

export interface JUnitSuite {
  name: string;
  cases: JUnitCase[];
  /** ISO 8601 start of the suite, if known. */
  timestamp?: string;
}

export interface JUnitCase {
  name: string;
  classname: string;
  timeSeconds?: number;
  failure?: { message: string; body?: string; type?: string };
  error?: { message: string; body?: string; type?: string };
  skipped?: { message?: string };
  /** Captured output, e.g. the HTTP exchange behind a failed check. */
  systemOut?: string;
}

type XmlNode = Record<string, unknown>;

let builderInstance: XMLBuilder | undefined;

/** fast-xml-parser loads only when a JUnit report is written (a sync require: the writers are sync). */
function builder(): XMLBuilder {
  if (!builderInstance) {
    const { XMLBuilder: Builder } = createRequire(import.meta.url)(
      'fast-xml-parser',
    ) as typeof import('fast-xml-parser');
    builderInstance = new Builder({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      textNodeName: '#text',
      format: true,
      suppressEmptyNode: true,
      suppressBooleanAttributes: false,
    });
  }
  return builderInstance;
}

/** Writes JUnit XML (the de-facto schema CI servers read); escaping is the builder's. */
export function writeJUnit(report: JUnitReport): string {
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  const suites = report.suites.map((suite) => {
    const s = { tests: suite.cases.length, failures: 0, errors: 0, skipped: 0, time: 0 };
    const cases = suite.cases.map((c) => {
      if (c.failure) s.failures++;
      if (c.error) s.errors++;
      if (c.skipped) s.skipped++;
      s.time += c.timeSeconds ?? 0;
      return caseNode(c);
    });
    total.tests += s.tests;
    total.failures += s.failures;
    total.errors += s.errors;
    total.skipped += s.skipped;
    total.time += s.time;
    const node: XmlNode = {
      '@_name': attr(suite.name),
      '@_tests': s.tests,
      '@_failures': s.failures,
      '@_errors': s.errors,
      '@_skipped': s.skipped,
      '@_time': seconds(s.time),
    };
    if (suite.timestamp) node['@_timestamp'] = antTimestamp(suite.timestamp);
    node.testcase = cases;
    return node;
  });
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': attr(report.name),
      '@_tests': total.tests,
      '@_failures': total.failures,
      '@_errors': total.errors,
      '@_skipped': total.skipped,
      '@_time': seconds(report.timeSeconds ?? total.time),
      testsuite: suites,
    },
  };
  return builder().build(doc);
}

function caseNode(c: JUnitCase): XmlNode {
  const node: XmlNode = {
    '@_name': attr(c.name),
    '@_classname': attr(c.classname),
    '@_time': seconds(c.timeSeconds ?? 0),
  };
  if (c.skipped) node.skipped = c.skipped.message ? { '@_message': attr(c.skipped.message) } : '';
  for (const key of ['failure', 'error'] as const) {
    const v = c[key];
    if (!v) continue;
    const child: XmlNode = { '@_message': attr(v.message) };
    if (v.type) child['@_type'] = attr(v.type);
    if (v.body) child['#text'] = text(v.body);
    node[key] = child;
  }
  if (c.systemOut) node['system-out'] = text(c.systemOut);
  return node;
}

/**
 * A timestamp as the Ant JUnit schema has it (`xs:dateTime` restricted to yyyy-mm-ddThh:mm:ss: no fraction, no
 * zone): an ISO instant is written in UTC without its `Z` and milliseconds; any other text is passed as it is.
 */
function antTimestamp(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? attr(iso) : new Date(t).toISOString().slice(0, 19);
}

function seconds(s: number): string {
  return Number.isFinite(s) && s > 0 ? s.toFixed(3) : '0';
}

/** Characters XML 1.0 cannot carry at all are dropped (they would make the file unreadable). */
function text(s: string): string {
  return s.replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '',
  );
}

/** Attribute values are normalised to one line by XML parsers anyway; do it visibly. */
function attr(s: string): string {
  return text(s).replace(/[\r\n\t]+/g, ' ');
}

/** The `ebkit validate` adapter: one test case per file, failing when the file is invalid. */
export function validationJUnit(files: readonly FileReport[], name = 'ebkit validate'): string {
  const describe = (f: Finding, path: string): string =>
    `${path}${f.line !== undefined ? `:${f.line}${f.column !== undefined ? `:${f.column}` : ''}` : ''} ${f.level} ${f.ruleId} ${f.message.replace(/[\r\n]+/g, ' ')}${f.pointer ? ` (at ${f.pointer})` : ''}`;
  return writeJUnit({
    name,
    suites: [
      {
        name,
        cases: files.map((file) => {
          const findings = [...file.findings].sort(compareFindings);
          const c: JUnitCase = { name: file.path, classname: `ebkit.validate.${file.type ?? 'unknown'}` };
          const errors = findings.filter((f) => f.level === 'error');
          if (!file.valid) {
            c.failure = {
              message: `${errors.length} error${errors.length === 1 ? '' : 's'}${errors[0] ? `; first: ${errors[0].ruleId} ${errors[0].message}` : ''}`,
              type: errors[0]?.ruleId ?? 'invalid',
              body: findings.map((f) => describe(f, file.path)).join('\n'),
            };
          } else if (findings.length > 0) {
            c.systemOut = findings.map((f) => describe(f, file.path)).join('\n');
          }
          return c;
        }),
      },
    ],
  });
}
