/**
 * XSD validation with libxml2: no network, external entities never substituted (PACKAGES.md). Three engines give
 * the same findings (test/xml/xsd-engines.test.ts): libxml2-wasm in this thread with the schema compiled once per
 * process (the default, and what a long-lived process ends on), Debian's native `xmllint` for the first few runs
 * of a process when it is on PATH (a one-shot command pays milliseconds instead of a schema compilation), and
 * xmllint-wasm (a worker per call) only when libxml2-wasm cannot load. The schema text is read once and reused.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding, RuleId } from '../findings.js';
import { MAX_ATTRIBUTES, prescanXml, lineStarts, positionOf } from './prescan.js';
import { packageRoot } from '../package-root.js';
import { clipText, errorMessage } from '../util/index.js';
import type { XsdFile, XsdRun } from './xsd-run.js';
import { findNativeXmllint, runNative } from './xsd-native.js';
import { libxml2Loaded, runLibxml2 } from './xsd-libxml2.js';

/** Requirement an XSD finding shows broken (spec/requirements.yaml). */
export const XSD_RULE_ID = 'EB-XML-01';
const SCHEMA_FILE = 'execution-broker.xsd';

type Xmllint = typeof import('xmllint-wasm');
let xmllintModule: Promise<Xmllint> | undefined;

/** libxml2-in-WebAssembly loads on the first XSD call only, so validating YAML or JSON never pays for it. */
function xmllint(): Promise<Xmllint> {
  // A CommonJS package: its exports are the namespace's default (named ones when Node detects them).
  xmllintModule ??= import('xmllint-wasm').then((m) => (m as Xmllint & { default?: Xmllint }).default ?? m);
  return xmllintModule;
}

let schemaText: string | undefined;

/** The XSD engines: `libxml2` in process (libxml2-wasm), `native` xmllint, `wasm` (xmllint-wasm, a worker per call). */
export type XsdEngine = 'libxml2' | 'native' | 'wasm';

const ENGINES: readonly string[] = ['libxml2', 'native', 'wasm'];

/**
 * Native runs a process makes before it compiles the schema in process: a native run costs a process start
 * (~7 ms), the in-process compilation about a hundred, after which each check is well under a millisecond.
 */
const NATIVE_RUNS_BEFORE_IN_PROCESS = 8;

let nativeBinary: string | null | undefined;
let nativeRuns = 0;

/** Native xmllint on PATH, looked up once per process; `EBKIT_XSD_ENGINE=native` requires it. */
function nativeXmllint(): string | null {
  if (nativeBinary !== undefined) return nativeBinary;
  nativeBinary = findNativeXmllint(process.env['PATH']);
  if (process.env['EBKIT_XSD_ENGINE'] === 'native' && nativeBinary === null)
    throw new Error('EBKIT_XSD_ENGINE=native but no xmllint is on PATH');
  return nativeBinary;
}

/**
 * Which engine the next XSD run of this process uses: `EBKIT_XSD_ENGINE` forces one (tests compare them);
 * otherwise native xmllint for the first runs when it is on PATH, then libxml2-wasm in process.
 */
export function xsdEngine(): XsdEngine {
  const forced = process.env['EBKIT_XSD_ENGINE'];
  if (forced !== undefined && forced !== '') {
    if (!ENGINES.includes(forced)) throw new Error(`EBKIT_XSD_ENGINE must be one of ${ENGINES.join(', ')}`);
    if (forced === 'native') nativeXmllint();
    return forced as XsdEngine;
  }
  if (!libxml2Loaded() && nativeRuns < NATIVE_RUNS_BEFORE_IN_PROCESS && nativeXmllint()) return 'native';
  return 'libxml2';
}

function schemaPath(): string {
  return resolve(packageRoot(), 'schema/xsd', SCHEMA_FILE);
}

async function runWasm(files: readonly XsdFile[]): Promise<XsdRun> {
  return (await xmllint()).validateXML({ xml: [...files], schema: [{ fileName: SCHEMA_FILE, contents: schema() }] });
}

/** One libxml2 run over `files` against the toolkit's schema, on the engine xsdEngine() names. */
async function runXsd(files: readonly XsdFile[]): Promise<XsdRun> {
  const engine = xsdEngine();
  if (engine === 'native') {
    nativeRuns++;
    return runNative(nativeXmllint()!, schemaPath(), files);
  }
  if (engine === 'wasm') return runWasm(files);
  let run: XsdRun;
  try {
    run = await runLibxml2(files, schema);
  } catch (e) {
    // libxml2-wasm could not load or compile (a platform without it): xmllint-wasm gives the same verdicts.
    if (process.env['EBKIT_XSD_ENGINE'] === 'libxml2') throw e;
    return runWasm(files);
  }
  return run;
}

function schema(): string {
  schemaText ??= readFileSync(schemaPath(), 'utf8');
  return schemaText;
}

/** libxml2 prefixes messages with "file:line: element x: Schemas validity error :"; keep the useful part. */
/** How libxml2 starts the message of a document that is not well-formed. */
const PARSER_ERROR_PREFIX = /^\s*parser error\s*:\s*/i;

function cleanMessage(message: string): string {
  return (
    message
      .replace(PARSER_ERROR_PREFIX, '')
      // libxml2 2.9 (Debian's xmllint) also names the element first: "element x: Schemas validity error : ...".
      .replace(/^\s*(?:element .*?:\s*)?Schemas validity error\s*:\s*/i, '')
      .replace(/\{http:\/\/www\.ivoa\.net\/xml\/ExecutionBroker\/v1\.0\}/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      // The name the document had in the validator's run is ours, not the user's.
      .replace(/^document-\d+\.xml fails to validate$/, 'the document does not validate')
      // libxml2 says the same of an element out of its place as of one unknown: the message says it may be either.
      .replace(
        /(This element is not expected\.(?: Expected is (?:one of )?\(.*\)\.)?)$/,
        "$1 (libxml2 says so of an element the XSD does not have there: an unknown one, or a known one out of the XSD's order.)",
      )
  );
}

function refusedFinding(xmlText: string): Finding | undefined {
  // Refuse DOCTYPE here too, so no entity declaration ever reaches libxml2 (EB-XML-04); an element with more
  // attributes than the mapping could read, which took libxml2 past a gigabyte; and a "<" in an attribute value, past
  // which the scan stops looking for declarations.
  const pre = prescanXml(xmlText, Number.MAX_SAFE_INTEGER);
  const refusal: { at: number; ruleId: RuleId; message: string } | undefined =
    pre.declarationAt !== undefined
      ? {
          at: pre.declarationAt,
          ruleId: 'EBK_DOCTYPE',
          message: `XML declarations such as <!${pre.declaration}> are refused (EB-XML-04); the document was not validated.`,
        }
      : pre.tooManyAttributesAt !== undefined
        ? {
            at: pre.tooManyAttributesAt,
            ruleId: 'EBK_TOO_MANY_ATTRIBUTES',
            message: `An element holds more than ${MAX_ATTRIBUTES} attributes; the document was not validated.`,
          }
        : pre.ltInAttributeAt !== undefined
          ? {
              at: pre.ltInAttributeAt,
              ruleId: 'EBK_SYNTAX',
              message: 'The XML is not well-formed: a "<" inside an attribute value must be written as &lt;.',
            }
          : undefined;
  if (refusal === undefined) return undefined;
  const { at, ...finding } = refusal;
  return { ...finding, level: 'error', pointer: '', ...positionOf(lineStarts(xmlText), at) };
}

/**
 * Validates an XML text against schema/xsd/execution-broker.xsd. Findings carry
 * the line libxml2 reports; the pointer is the root (libxml2 knows no JSON
 * Pointers; the caller may refine it with its locator). Never rejects.
 */
export async function validateXsd(xmlText: string): Promise<Finding[]> {
  if (ahead?.text === xmlText) {
    const { findings } = ahead;
    ahead = undefined;
    return findings;
  }
  return (await validateXsdBatch([xmlText]))[0]!;
}

/** The check startXsd began, until the validateXsd call for the same text takes it. */
let ahead: { text: string; findings: Promise<Finding[]> } | undefined;

/**
 * Starts the XSD check of `xmlText` now, for the next validateXsd call of the same text to take: a native xmllint
 * is spawned before this returns, so it runs in its own process while this one parses and validates the document
 * (the CLI calls this before validateBytes, whose parse and JSON Schema stages are synchronous). A check nobody
 * takes is dropped by the next startXsd.
 */
export function startXsd(xmlText: string): void {
  const findings = validateXsdBatch([xmlText]).then((r) => r[0]!);
  // Handled here too, so a check nobody takes can never end the process as an unhandled rejection.
  findings.catch(() => {});
  ahead = { text: xmlText, findings };
}

/** Validates several documents in one libxml2 run (one process or worker start instead of many). */
export async function validateXsdBatch(xmlTexts: readonly string[]): Promise<Finding[][]> {
  const out: Finding[][] = xmlTexts.map(() => []);
  const files: XsdFile[] = [];
  xmlTexts.forEach((text, i) => {
    const refused = refusedFinding(text);
    if (refused) out[i]!.push(refused);
    else files.push({ fileName: `document-${i}.xml`, contents: text });
  });
  if (files.length === 0) return out;
  try {
    const result = await runXsd(files);
    if (result.valid) return out;
    const seen = new Set<string>();
    // libxml2 quotes a value as it is, line breaks too, and its output is read line by line: a line that names no
    // document and no place continues the message before it ("Element 'min': '", "2", "' is not a valid value…").
    // A continuation of a message already reported (a repeat) is dropped with it.
    let last: { finding: Finding; raw: string } | 'repeat' | undefined;
    for (const e of result.errors) {
      if (!e.loc && last && !/document-\d+\.xml/.test(e.rawMessage)) {
        if (last === 'repeat') continue;
        last.raw += `\n${e.rawMessage}`;
        last.finding.message = `XSD: ${cleanMessage(last.raw)}`;
        continue;
      }
      last = undefined;
      // A document that is not well-formed: libxml2 follows each parser error with an excerpt and a caret line,
      // which are no part of the message (dropped as a repeat's continuation is).
      const parserError = PARSER_ERROR_PREFIX.test(e.message);
      const m = /document-(\d+)\.xml/.exec(e.loc?.fileName ?? e.rawMessage);
      const indexes = m ? [Number(m[1])] : files.map((f) => Number(/\d+/.exec(f.fileName)![0]));
      const message = cleanMessage(e.message);
      for (const i of indexes) {
        const key = `${i}:${e.loc?.lineNumber ?? ''}:${message}`;
        if (seen.has(key)) {
          if (indexes.length === 1) last = 'repeat';
          continue;
        }
        seen.add(key);
        const f: Finding = { ruleId: XSD_RULE_ID, level: 'error', message: `XSD: ${message}`, pointer: '' };
        if (e.loc) f.line = e.loc.lineNumber;
        out[i]?.push(f);
        if (indexes.length === 1) last = parserError ? 'repeat' : { finding: f, raw: e.message };
      }
    }
    // libxml2 said "invalid" without a message we could place: never report a silent success.
    for (const f of files) {
      const i = Number(/\d+/.exec(f.fileName)![0]);
      if (out[i]!.length === 0 && !result.valid && result.errors.length === 0) {
        out[i]!.push({ ruleId: XSD_RULE_ID, level: 'error', message: 'XSD: the document is not valid.', pointer: '' });
      }
    }
    return out;
  } catch (e) {
    // The validator failing is a toolkit fault, not a verdict on the document (EBK_XSD_CRASHED).
    // libxml2 out of memory repeats its message for every allocation that failed: megabytes of one line.
    const why = errorMessage(e);
    const message = `XSD validation could not run: ${clipText(why, 300)}`;
    for (const f of files)
      out[Number(/\d+/.exec(f.fileName)![0])]!.push({
        ruleId: 'EBK_XSD_CRASHED',
        level: 'error',
        message,
        pointer: '',
      });
    return out;
  }
}

function patternSchema(pattern: string): string {
  const escaped = pattern.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:element name="v"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="${escaped}"/></xs:restriction></xs:simpleType></xs:element>
</xs:schema>
`;
}

function valueDoc(value: string): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r/g, '&#13;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<v>${escaped}</v>\n`;
}

/** Whether libxml2 accepts `pattern` as an XSD 1.0 pattern facet (for drift tests and lint-spec). */
export async function xsdPatternIsValid(pattern: string): Promise<boolean> {
  try {
    // An invalid facet makes libxml2 fail to compile the schema, which rejects the promise.
    await (
      await xmllint()
    ).validateXML({
      xml: [{ fileName: 'probe.xml', contents: valueDoc('') }],
      schema: [{ fileName: 'p.xsd', contents: patternSchema(pattern) }],
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Which of `values` the XSD pattern accepts, in order (one libxml2 run).
 * Undefined when the pattern itself is not a valid XSD pattern.
 */
export async function xsdPatternAccepts(pattern: string, values: readonly string[]): Promise<boolean[] | undefined> {
  if (values.length === 0) return (await xsdPatternIsValid(pattern)) ? [] : undefined;
  try {
    const files = values.map((v, i) => ({ fileName: `value-${i}.xml`, contents: valueDoc(v) }));
    const r = await (
      await xmllint()
    ).validateXML({ xml: files, schema: [{ fileName: 'p.xsd', contents: patternSchema(pattern) }] });
    if (r.valid) return values.map(() => true);
    const bad = new Set<number>();
    for (const e of r.errors) {
      const m = /value-(\d+)\.xml/.exec(e.loc?.fileName ?? e.rawMessage);
      if (m) bad.add(Number(m[1]));
      else return undefined;
    }
    return values.map((_, i) => !bad.has(i));
  } catch {
    return undefined;
  }
}
