/**
 * XSD validation with libxml2: no network, external entities never substituted (PACKAGES.md). Debian's native
 * `xmllint` is used when it is on PATH (one process per batch, --nonet, ~100x cheaper than a worker start), else
 * xmllint-wasm (libxml2 in WebAssembly, no host file access). The schema text is read once and reused.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve, sep } from 'node:path';
import type { Finding } from '../findings.js';
import { prescanXml, lineStarts, positionOf } from './prescan.js';
import { packageRoot } from '../package-root.js';
import { errorMessage } from '../util/index.js';

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

/** One error line as libxml2's xmllint prints it ("file:line: message"), as xmllint-wasm parses it. */
interface XsdError {
  rawMessage: string;
  message: string;
  loc: { fileName: string; lineNumber: number } | null;
}

interface XsdRun {
  valid: boolean;
  errors: readonly XsdError[];
}

/** Parses xmllint's standard error the way xmllint-wasm does (the last line is the summary). */
function parseXmllintErrors(stderr: string): XsdError[] {
  return stderr
    .split('\n')
    .slice(0, -2)
    .map((line): XsdError => {
      const [fileName, lineNumber, ...rest] = line.split(':');
      if (fileName && lineNumber && rest.length)
        return {
          rawMessage: line,
          message: rest.join(':').trim(),
          loc: { fileName, lineNumber: parseInt(lineNumber, 10) },
        };
      return { rawMessage: line, message: line, loc: null };
    })
    .filter((e) => !(!e.loc && e.rawMessage.trim().endsWith(' validates')));
}

/**
 * Which libxml2 runs the XSD check: `EBKIT_XSD_ENGINE=wasm` or `native` forces one (tests compare the two),
 * otherwise the native `xmllint` when it is on PATH. Looked up once per process.
 */
let nativeBinary: string | null | undefined;

function nativeXmllint(): string | null {
  if (nativeBinary !== undefined) return nativeBinary;
  const engine = process.env['EBKIT_XSD_ENGINE'];
  nativeBinary = null;
  if (engine === 'wasm') return nativeBinary;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'xmllint');
    try {
      accessSync(candidate, constants.X_OK);
      nativeBinary = candidate;
      break;
    } catch {
      // not here
    }
  }
  if (engine === 'native' && nativeBinary === null)
    throw new Error('EBKIT_XSD_ENGINE=native but no xmllint is on PATH');
  return nativeBinary;
}

/** Which libxml2 this process uses for the XSD check (for benches and the engine-agreement test). */
export function xsdEngine(): 'native' | 'wasm' {
  return nativeXmllint() ? 'native' : 'wasm';
}

/** Longest a native run may take, and most it may print; a hang or a flood is a crash, never a verdict. */
const NATIVE_TIMEOUT_MS = 60_000;
const NATIVE_MAX_OUTPUT = 16 * 1024 * 1024;

/**
 * One native xmllint process for the whole batch: no network (--nonet), no entity substitution (no --noent; a
 * DOCTYPE never gets this far), output suppressed (--noout). Documents go through a private temporary folder.
 */
async function runNative(binary: string, files: { fileName: string; contents: string }[]): Promise<XsdRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-xsd-'));
  try {
    const paths = files.map((f) => {
      const path = join(dir, f.fileName);
      writeFileSync(path, f.contents, { mode: 0o600 });
      return path;
    });
    const schemaPath = resolve(packageRoot(), 'schema/xsd', SCHEMA_FILE);
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
      execFile(
        binary,
        ['--nonet', '--noout', '--schema', schemaPath, ...paths],
        { timeout: NATIVE_TIMEOUT_MS, maxBuffer: NATIVE_MAX_OUTPUT, encoding: 'utf8', env: {} },
        (err, _stdout, stderr) => {
          if (err && typeof err.code !== 'number') return fail(new Error(`native xmllint: ${err.message}`));
          done({ code: err ? (err.code as number) : 0, stderr });
        },
      );
    });
    if (code === 0) return { valid: true, errors: [] };
    // Named as xmllint-wasm names them (no folder), so messages such as "document-0.xml fails to validate" agree.
    if (code === 3 || code === 4)
      return { valid: false, errors: parseXmllintErrors(stderr.split(`${dir}${sep}`).join('')) };
    throw new Error(`native xmllint exited ${code}: ${stderr.slice(0, 500)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One libxml2 run over `files` against the toolkit's schema: native when there, else WebAssembly. */
async function runXsd(files: { fileName: string; contents: string }[]): Promise<XsdRun> {
  const binary = nativeXmllint();
  if (binary) return runNative(binary, files);
  return (await xmllint()).validateXML({ xml: files, schema: [{ fileName: SCHEMA_FILE, contents: schema() }] });
}

function schema(): string {
  schemaText ??= readFileSync(resolve(packageRoot(), 'schema/xsd', SCHEMA_FILE), 'utf8');
  return schemaText;
}

/** libxml2 prefixes messages with "file:line: element x: Schemas validity error :"; keep the useful part. */
function cleanMessage(message: string): string {
  return (
    message
      // libxml2 2.9 (Debian's xmllint) also names the element first: "element x: Schemas validity error : ...".
      .replace(/^\s*(?:element .*?:\s*)?Schemas validity error\s*:\s*/i, '')
      .replace(/\{http:\/\/www\.ivoa\.net\/xml\/ExecutionBroker\/v1\.0\}/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function doctypeFinding(xmlText: string): Finding | undefined {
  // Refuse DOCTYPE here too, so no entity declaration ever reaches libxml2 (EB-XML-04).
  const pre = prescanXml(xmlText, Number.MAX_SAFE_INTEGER);
  if (pre.declarationAt === undefined) return undefined;
  return {
    ruleId: 'EBK_DOCTYPE',
    level: 'error',
    message: `XML declarations such as <!${pre.declaration}> are refused (EB-XML-04); the document was not validated.`,
    pointer: '',
    ...positionOf(lineStarts(xmlText), pre.declarationAt),
  };
}

/**
 * Validates an XML text against schema/xsd/execution-broker.xsd. Findings carry
 * the line libxml2 reports; the pointer is the root (libxml2 knows no JSON
 * Pointers; the caller may refine it with its locator). Never rejects.
 */
export async function validateXsd(xmlText: string): Promise<Finding[]> {
  return (await validateXsdBatch([xmlText]))[0]!;
}

/** Validates several documents in one libxml2 run (one process or worker start instead of many). */
export async function validateXsdBatch(xmlTexts: readonly string[]): Promise<Finding[][]> {
  const out: Finding[][] = xmlTexts.map(() => []);
  const files: { fileName: string; contents: string }[] = [];
  xmlTexts.forEach((text, i) => {
    const refused = doctypeFinding(text);
    if (refused) out[i]!.push(refused);
    else files.push({ fileName: `document-${i}.xml`, contents: text });
  });
  if (files.length === 0) return out;
  try {
    const result = await runXsd(files);
    if (result.valid) return out;
    const seen = new Set<string>();
    for (const e of result.errors) {
      const m = /document-(\d+)\.xml/.exec(e.loc?.fileName ?? e.rawMessage);
      const indexes = m ? [Number(m[1])] : files.map((f) => Number(/\d+/.exec(f.fileName)![0]));
      const message = cleanMessage(e.message);
      for (const i of indexes) {
        const key = `${i}:${e.loc?.lineNumber ?? ''}:${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const f: Finding = { ruleId: XSD_RULE_ID, level: 'error', message: `XSD: ${message}`, pointer: '' };
        if (e.loc) f.line = e.loc.lineNumber;
        out[i]?.push(f);
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
    const message = `XSD validation could not run: ${errorMessage(e)}`;
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
