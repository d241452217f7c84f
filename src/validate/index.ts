/**
 * The validation stage: schema (precompiled ajv), then the standard's rules,
 * then (for an offer set answering a request) `compare`. Sync and never
 * throwing, except `validateBytes`, which also runs the XSD for XML.
 */
import type { DocumentType, Finding } from '../findings.js';
import { parse, type Format, type ParseOptions, type ParsedDocument } from '../parse/index.js';
import { objectToXml, validateXsd, xmlToObject } from '../xml/index.js';
import { placeXsdFindings } from './xsd-place.js';
import { defaultSchemaValidators } from './default-schema.js';
import {
  MAX_FINDINGS,
  MAX_MESSAGE,
  leftOutFinding,
  runValidation,
  toFinding,
  type ValidateOptions,
  type ValidationResult,
} from './engine.js';
import { firstDifference } from './pointer.js';
import { defaultRules } from './rules/index.js';
import { clipText, errorMessage } from '../util/index.js';
import type { RequirementId } from '../model/requirements.js';

export type { ValidateOptions, ValidationResult } from './engine.js';
export { isParsedDocument, toFinding, MAX_FINDINGS } from './engine.js';
export { defineRule, type Rule, type RuleContext, type RuleReport } from './rule.js';
export { defaultRules } from './rules/index.js';
export { detectDocumentType } from './detect.js';
export { compare } from './compare.js';
export type { SchemaValidator, SchemaValidators } from './schema-stage.js';
export { translateSchemaErrors } from './schema-stage.js';
export type { DocumentNodes } from './walker.js';
export type { Family } from './family.js';

/** Validates a parsed document (a `ParsedDocument`: positions filled in) or a plain value. */
export function validate(doc: unknown, opts: ValidateOptions = {}): ValidationResult {
  return runValidation(doc, opts, { rules: defaultRules, schema: defaultSchemaValidators });
}

/** The bare JSON Schema verdict (before rules refine or supersede its findings); undefined when not run. */
function schemaVerdict(type: DocumentType | undefined, value: unknown, opts: ValidateOptions): boolean | undefined {
  if (type === undefined || opts.schema === false) return undefined;
  const validator = (opts.schema ?? defaultSchemaValidators)[type];
  if (!validator) return undefined;
  try {
    return validator(value);
  } catch {
    return undefined;
  }
}

/**
 * EB-XML-02 for an XML document: the value read from it, written back as XML
 * and read again, must not change; a change means the mapping (or the
 * document) carries something one direction loses.
 */
function xmlRoundTrip(value: unknown, type: DocumentType | undefined): Finding | undefined {
  if (type === undefined || typeof value !== 'object' || value === null) return undefined;
  let diff: string | undefined;
  let failure: string | undefined;
  try {
    diff = firstDifference(value, xmlToObject(objectToXml(value, type)).value);
  } catch (err) {
    diff = '';
    failure = errorMessage(err);
  }
  if (diff === undefined) return undefined;
  return toFinding(
    {
      requirement: 'EB-XML-02',
      pointer: diff,
      message: `written back as XML and read again, this document ${failure !== undefined ? `fails (${failure})` : `comes back different at ${diff || 'the root'}`}; the XML mapping loses part of it`,
      params: { roundTrip: false },
    },
    'xml-round-trip',
  );
}

export interface ValidateBytesOptions extends ParseOptions, ValidateOptions {}

/** Requirement a JSON Schema / XSD disagreement is filed under. */
export const VERDICT_RULE: RequirementId = 'EB-XML-01';

/**
 * Parses, validates and, for XML, also runs the XSD. The XSD and the JSON
 * Schema describe the same documents; when their verdicts differ, one
 * finding says so (a toolkit bug, which the examples test catches).
 */
export async function validateBytes(
  input: Uint8Array | string,
  opts: ValidateBytesOptions = {},
): Promise<ValidationResult & { format: Format | undefined; document: ParsedDocument }> {
  const doc = parse(input, opts);
  const result = validate(doc, opts);
  // XML that is not well-formed (a bad character reference, a DOCTYPE) is said so by the parser at its place;
  // libxml2 parsing it again for the XSD would only say it a second time.
  const malformed = doc.findings.some(
    (f) => f.level === 'error' && (f.ruleId === 'EBK_SYNTAX' || f.ruleId === 'EBK_DOCTYPE'),
  );
  if (doc.format !== 'xml' || doc.value === undefined || malformed)
    return { ...result, format: doc.format, document: doc };
  const xsd = await xsdFindings(doc.text);
  const findings = [...result.findings, ...placeXsdFindings(listed(xsd), doc)];
  const roundTrip = xmlRoundTrip(doc.value, result.type);
  if (roundTrip) findings.push(roundTrip);
  const jsonOk = schemaVerdict(result.type, doc.value, opts);
  const xsdErrors = xsd.filter((f) => f.level === 'error').length;
  // An XSD that could not run gave no verdict to compare.
  const xsdRan = !xsd.some((f) => f.ruleId === 'EBK_XSD_CRASHED');
  // XML can hold what the object mapping does not read (attributes, repeated elements, entity references): the XSD
  // rejects those, the value read passes the JSON Schema, and that is the document's fault. Only when the mapping's
  // own XML of that value fails the XSD too do the two schemas disagree (a toolkit fault).
  // INF or NaN in a number is the document's: the XSD allows it, JSON cannot hold it, and the schema stage says so.
  const schemaErrors = result.findings.filter((f) => f.rule === 'schema' && f.level === 'error');
  const onlyNonFinite = schemaErrors.length > 0 && schemaErrors.every((f) => f.params?.nonFinite === true);
  const disagree =
    !onlyNonFinite &&
    xsdRan &&
    jsonOk !== undefined &&
    jsonOk !== (xsdErrors === 0) &&
    (!jsonOk || (await mappingXmlFailsXsd(doc.value, result.type)));
  if (disagree) {
    // The level comes from the register like every rule's (EB-XML-01 is a MUST: an error).
    findings.push(
      toFinding(
        {
          requirement: VERDICT_RULE,
          pointer: '',
          message: jsonOk
            ? `the XSD rejects this document (${xsdErrors} problem(s)) but the JSON Schema accepts it; the two schemas disagree`
            : 'the JSON Schema rejects this document but the XSD accepts it; the two schemas disagree',
          params: { disagreement: true, jsonSchemaValid: jsonOk, xsdErrors },
        },
        'schema-agreement',
      ),
    );
  }
  // The engine's verdict counts errors it did not list; the XSD's and the agreement check's are listed.
  const valid = result.valid && !findings.some((f) => f.level === 'error');
  return { ...result, findings, valid, format: doc.format, document: doc };
}

/** The XSD's findings on a text; a validator that could not run is one finding, its message clipped. */
async function xsdFindings(text: string): Promise<Finding[]> {
  try {
    return await validateXsd(text);
  } catch (err) {
    return [
      {
        ruleId: 'EBK_XSD_CRASHED',
        level: 'error',
        message: clipText(`XSD validation crashed (${errorMessage(err)})`, MAX_MESSAGE),
        pointer: '',
        rule: 'xsd',
      },
    ];
  }
}

/** True when the XML the mapping writes for `value` fails the XSD (or cannot be written). */
async function mappingXmlFailsXsd(value: unknown, type: DocumentType | undefined): Promise<boolean> {
  if (type === undefined) return false;
  let xml: string;
  try {
    xml = objectToXml(value, type);
  } catch {
    return true;
  }
  const findings = await xsdFindings(xml);
  return findings.some((f) => f.level === 'error' && f.ruleId !== 'EBK_XSD_CRASHED');
}

/** The first MAX_FINDINGS of the XSD's findings, each message clipped, and one saying how many more there were. */
function listed(xsd: Finding[]): Finding[] {
  const shown = xsd
    .slice(0, MAX_FINDINGS)
    .map((f) => (f.message.length > MAX_MESSAGE ? { ...f, message: clipText(f.message, MAX_MESSAGE) } : f));
  const rest = xsd.slice(MAX_FINDINGS);
  if (rest.length > 0) {
    const errors = rest.filter((f) => f.level === 'error').length;
    shown.push({ ...leftOutFinding({ count: rest.length, errors }, shown.length), rule: 'xsd' });
  }
  return shown;
}

export type { DocumentType };
