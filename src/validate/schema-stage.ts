import type { ErrorObject } from 'ajv';
import type { DocumentType } from '../findings.js';
import type { RuleReport } from './rule.js';
import { valueAt } from './pointer.js';
import type { RequirementId } from '../model/requirements.js';

/** Every requirement a schema error is filed under here (kept in step by test/validate/reportable.test.ts). */
export const SCHEMA_STAGE_REQUIREMENTS: readonly RequirementId[] = [
  'EB-DM-01',
  'EB-DM-02',
  'EB-DM-08',
  'EB-DM-09',
  'EB-ERR-01',
  'EB-ERR-02',
  'EB-KIND-01',
  'EB-SCH-05',
  'EB-SCH-12',
  'EB-UPD-05',
];

/** A compiled (standalone) ajv validator: the function and the errors of its last call. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export type SchemaValidators = Partial<Record<DocumentType, SchemaValidator>>;

const TIME_DEFS = /ISO8601(Instant|Duration|Interval|StartRange)|LifecycleStart(Instant|Interval)|(RequestedStart)/;
const TIME_FORMATS = new Set(['date-time', 'date', 'time', 'duration']);
/** How a format is written, where "a valid <format>" would not tell a writer what to change. */
const FORMAT_SHAPE: Record<string, string> = {
  'date-time':
    'an RFC 3339 date-time such as 2026-08-14T11:00:00Z (upper-case T, seconds always, the offset Z or ±hh:mm)',
};
const UPDATE_MEMBERS = new Set(['path', 'value', 'delta', 'values']);

const TIME_SHAPE: Record<string, string> = {
  Instant: 'an ISO 8601 instant such as 2026-08-14T11:00:00Z',
  Duration: 'an ISO 8601 duration such as PT1H',
  Interval: 'an ISO 8601 interval such as 2026-08-14T11:00:00Z/PT2H',
  StartRange: 'an ISO 8601 instant, date or interval such as 2026-08-14T11:00:00Z/PT2H',
  RequestedStart: 'an ISO 8601 start range such as 2026-08-14T11:00:00Z/PT2H, or a list of them',
};

/** Renders a found value briefly for a message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  // JSON has no Infinity or NaN: JSON.stringify would show them as null (the parser says why they are here).
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const s = JSON.stringify(value);
  // Clipped in the middle: what is wrong is often at the end (a trailing space, a wrong suffix).
  return s.length > 60 ? `${s.slice(0, 40)}…${s.slice(-17)}` : s;
}

function where(pointer: string): string {
  return pointer === '' ? 'the document' : pointer;
}

const ARTICLE: Record<string, string> = {
  integer: 'an integer',
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

function inUpdateOrOption(type: DocumentType, pointer: string): boolean {
  return type === 'update' || /\/meta\/options\/\d+(\/|$)/.test(pointer);
}

/**
 * Turns ajv errors into one report per real problem: the `if`/`then`/`else`
 * wrappers of the kind dispatch are dropped, an `anyOf`/`oneOf` keeps only its
 * own summary (its branch errors would contradict each other), duplicates go.
 */
export function translateSchemaErrors(errors: readonly ErrorObject[], root: unknown, type: DocumentType): RuleReport[] {
  const wrappers = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  const out: RuleReport[] = [];
  const seen = new Set<string>();
  // A value of the wrong type also fails its enum or const ("404" for 404, null for a phase): one cause, and the
  // type error says it.
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'then' || e.keyword === 'else' || e.keyword === 'not') continue;
    if ((e.keyword === 'enum' || e.keyword === 'const') && typed.has(e.instancePath)) continue;
    if (wrappers.some((w) => e.schemaPath.startsWith(w))) continue;
    // A failed oneOf over a value whose own items are reported says nothing more (a list of start ranges).
    if (
      (e.keyword === 'oneOf' || e.keyword === 'anyOf') &&
      errors.some((x) => x.instancePath.startsWith(`${e.instancePath}/`))
    )
      continue;
    const r = translateOne(e, root, type);
    // The error document has its own requirements: consistent codes (EB-ERR-02), else its schema (EB-ERR-01).
    if (type === 'error' && (r.requirement === 'EB-DM-09' || r.requirement === 'EB-DM-02')) {
      r.requirement =
        /^\/(status|error|code)$/.test(r.pointer) && (e.keyword === 'const' || e.keyword === 'enum')
          ? 'EB-ERR-02'
          : 'EB-ERR-01';
    }
    const key = `${r.requirement}|${r.pointer}|${r.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

function translateOne(e: ErrorObject, root: unknown, type: DocumentType): RuleReport {
  const pointer = e.instancePath;
  const found = (): string => show(valueAt(root, pointer));
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const member = String(params.missingProperty);
      const requirement =
        member === 'kind'
          ? 'EB-KIND-01'
          : inUpdateOrOption(type, pointer) && UPDATE_MEMBERS.has(member)
            ? 'EB-UPD-05'
            : 'EB-DM-09';
      return {
        requirement,
        pointer,
        message: `${where(pointer)}: missing required member "${member}"`,
        params: { member },
      };
    }
    case 'type': {
      const t = String(params.type).split(',');
      const expected = t.map((x) => ARTICLE[x] ?? x).join(' or ');
      // The Java broker (Jackson) writes an absent member as null; saying so tells the writer what to change.
      const value = valueAt(root, pointer);
      // XML's xs:double has INF and NaN, which the XSD allows and no JSON number can hold: read from XML, they stay
      // text, and the document has no form in the standard's model.
      const nonFinite = t.includes('number') && typeof value === 'string' && NON_FINITE.test(value);
      const hint =
        value === null
          ? '; a Java (Jackson) broker writes an absent member so: leave it out (ebkit migrate drops such nulls)'
          : nonFinite
            ? `; ${value} is an xs:double the XSD allows, but no JSON number can hold it, so the document has no JSON form (EB-XML-02)`
            : '';
      return {
        requirement: inUpdateOrOption(type, pointer) ? 'EB-UPD-05' : 'EB-DM-09',
        pointer,
        message: `${where(pointer)} must be ${expected}, found ${found()}${hint}`,
        params: { expected: params.type, ...(nonFinite ? { nonFinite: true } : {}) },
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const meant = meantValue(valueAt(root, pointer), allowed);
      return {
        requirement: 'EB-DM-02',
        pointer,
        message: `${where(pointer)} must be one of ${allowed.map((a) => String(a)).join(', ')}, found ${found()}${meant ? `; did you mean ${meant}?` : ''}`,
        params: { allowed, ...(meant ? { suggestion: meant } : {}) },
      };
    }
    case 'const':
      return {
        requirement: 'EB-DM-09',
        pointer,
        message: `${where(pointer)} must be ${show(params.allowedValue)}, found ${found()}`,
        params: { expected: params.allowedValue },
      };
    case 'pattern': {
      const m = TIME_DEFS.exec(e.schemaPath);
      if (m) {
        const shape = TIME_SHAPE[m[1] ?? m[2] ?? m[3] ?? ''] ?? 'an ISO 8601 value';
        return { requirement: 'EB-SCH-05', pointer, message: `${where(pointer)} must be ${shape}, found ${found()}` };
      }
      return {
        requirement: 'EB-DM-09',
        pointer,
        message: `${where(pointer)} does not match the pattern ${String(params.pattern)}, found ${found()}`,
      };
    }
    case 'format': {
      const format = String(params.format);
      return {
        requirement: TIME_FORMATS.has(format) ? 'EB-SCH-05' : 'EB-DM-09',
        pointer,
        message: `${where(pointer)} must be ${FORMAT_SHAPE[format] ?? `a valid ${format}`}, found ${found()}`,
        params: { format },
      };
    }
    case 'anyOf':
    case 'oneOf': {
      if (type === 'request' && pointer === '/schedule/requested/start') {
        return {
          requirement: 'EB-SCH-12',
          pointer,
          message: `${where(pointer)} must be one start range, or a list of two or more (a single range is written alone), found ${found()}`,
        };
      }
      const m = TIME_DEFS.exec(e.schemaPath);
      if (m)
        return {
          requirement: 'EB-SCH-05',
          pointer,
          message: `${where(pointer)} is not a valid ISO 8601 value, found ${found()}`,
        };
      return {
        requirement: 'EB-DM-09',
        pointer,
        message: `${where(pointer)} does not match any of the allowed forms, found ${found()}`,
      };
    }
    case 'minimum':
    case 'exclusiveMinimum':
      if (/\/(min|max)$/.test(pointer)) {
        return {
          requirement: 'EB-DM-01',
          pointer,
          message: `${where(pointer)} must be ${e.keyword === 'minimum' ? 'at least' : 'more than'} ${String(params.limit)}, found ${found()}`,
          params: { limit: params.limit },
        };
      }
      return {
        requirement: 'EB-DM-09',
        pointer,
        message: `${where(pointer)} ${e.message ?? 'is too small'}, found ${found()}`,
      };
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        requirement: 'EB-DM-09',
        pointer,
        message: `${where(pointer)} must be ${e.keyword === 'maximum' ? 'at most' : 'less than'} ${String(params.limit)}, found ${found()}`,
        params: { limit: params.limit },
      };
    case 'additionalProperties': {
      const member = String(params.additionalProperty);
      return {
        requirement: 'EB-DM-08',
        pointer,
        message: `${where(pointer)} has the unknown member "${member}"`,
        params: { member },
      };
    }
    default:
      return {
        requirement: inUpdateOrOption(type, pointer) ? 'EB-UPD-05' : 'EB-DM-09',
        pointer,
        message: `${where(pointer)} ${e.message ?? `fails ${e.keyword}`}`,
        params: { keyword: e.keyword },
      };
  }
}

/** The xs:double values no JSON number holds, as XML writes them. */
const NON_FINITE = /^[+-]?INF$|^NaN$/;

/**
 * Values of the draft text and of other case, by the 1.0 value they stand for (EB-DM-07 asks validators to name
 * it): a volume's `rw` and `ro`.
 */
const DRAFT_VALUES: Readonly<Record<string, string>> = { rw: 'READWRITE', ro: 'READONLY' };

/** The allowed value a string was most likely meant as: the same in another case, or its draft-text form. */
function meantValue(value: unknown, allowed: readonly unknown[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const candidates = [value.toUpperCase(), DRAFT_VALUES[value.toLowerCase()]];
  return candidates.find((c): c is string => c !== undefined && allowed.includes(c));
}

/** Runs the schema stage; a validator that throws is reported by the caller. */
export function runSchema(validator: SchemaValidator, root: unknown, type: DocumentType): RuleReport[] {
  if (validator(root)) return [];
  return translateSchemaErrors(validator.errors ?? [], root, type);
}
