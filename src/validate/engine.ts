import type { DocumentType, Finding } from '../findings.js';
import { compareFindings } from '../findings.js';
import { findingLevel, requirementById } from '../model/requirements.js';
import type { ParsedDocument } from '../parse/types.js';
import { describeForeignDocument, detectDocumentType } from './detect.js';
import { wrapperOf } from './generations.js';
import type { Rule, RuleContext, RuleReport } from './rule.js';
import { runSchema, type SchemaValidators } from './schema-stage.js';
import { walk, type DocumentNodes } from './walker.js';
import { clipText, errorMessage, withArticle } from '../util/index.js';
import { ROOTS } from '../xml/mapping.js';

export interface ValidationResult {
  type: DocumentType | undefined;
  /** True when no finding is at level error. */
  valid: boolean;
  findings: Finding[];
}

export interface ValidateOptions {
  /** Document type; detected from the content when absent. */
  type?: DocumentType;
  /** The rule set to run (a value, never a global registry). */
  rules?: readonly Rule[];
  /** Schema validators per type; `false` skips the schema stage. */
  schema?: SchemaValidators | false;
}

/** Longest message a finding carries (a hostile document's text quoted in one is cut). */
export const MAX_MESSAGE = 400;
/**
 * Findings a result lists; a document with more gets one finding more saying how many were left out. A hostile
 * document (200,000 bad items, 600,000 unknown keys) otherwise made as many findings: gigabytes of memory, tens of
 * megabytes of report, an error document no client reads.
 */
export const MAX_FINDINGS = 1000;
/**
 * Findings of each kind (errors, the rest) held while validating, before duplicates go and the first are ranked: a
 * bound on memory. Errors are held apart, so that no flood of informations can crowd out an error.
 */
const COLLECT_LIMIT = 10 * MAX_FINDINGS;

/** Findings left out: counted, and how many of them were errors (the document is invalid all the same). */
export interface LeftOut {
  count: number;
  errors: number;
}
const TYPE_WORDS: Record<DocumentType, string> = {
  request: 'request',
  offerset: 'offer set',
  session: 'session',
  update: 'update',
  error: 'error document',
};

export function isParsedDocument(v: unknown): v is ParsedDocument {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ParsedDocument).locate === 'function' &&
    Array.isArray((v as ParsedDocument).findings) &&
    typeof (v as ParsedDocument).text === 'string'
  );
}

/** Builds a finding from a report: the level and spec reference come from the register, never the rule. */
export function toFinding(r: RuleReport, slug: string | undefined): Finding {
  const req = requirementById(r.requirement);
  const level = findingLevel(r.requirement, r.lower);
  // Messages quote document values; clip them so a hostile value cannot bloat a report.
  const message = clipText(r.message, MAX_MESSAGE);
  const f: Finding = { ruleId: r.requirement, level, message, pointer: r.pointer };
  if (req) f.specRef = `§${req.section}`;
  if (r.params) f.params = r.params;
  if (slug) f.rule = slug;
  return f;
}

function crash(slug: string, err: unknown): Finding {
  return {
    ruleId: 'EBK_RULE_CRASHED',
    level: 'error',
    message: `rule "${slug}" crashed (${errorMessage(err)}); the other rules still ran`,
    pointer: '',
    rule: slug,
  };
}

function dedupKey(f: Finding): string {
  const member = f.params && typeof f.params.member === 'string' ? f.params.member : '';
  return `${f.ruleId}|${f.pointer}|${member}|${f.ruleId.startsWith('EBK_') ? f.message : ''}`;
}

/** Schema stage, then every rule that applies; sync, never throws. `input` is a `ParsedDocument` or a plain value. */
export function runValidation(
  input: unknown,
  opts: ValidateOptions,
  defaults: { rules: readonly Rule[]; schema: SchemaValidators },
): ValidationResult {
  const parsed = isParsedDocument(input) ? input : undefined;
  const root = parsed ? parsed.value : input;
  const findings: Finding[] = parsed ? parsed.findings.map((f) => ({ ...f })) : [];
  const left: LeftOut = { count: 0, errors: 0 };
  const held = { errors: 0, others: 0 };
  const keep = (list: Finding[], f: Finding): void => {
    const error = f.level === 'error';
    if ((error ? held.errors : held.others) < COLLECT_LIMIT) {
      list.push(f);
      if (error) held.errors++;
      else held.others++;
    } else {
      left.count++;
      if (error) left.errors++;
    }
  };
  let type: DocumentType | undefined;
  try {
    type = opts.type ?? parsed?.docType ?? detectDocumentType(root);
    if (parsed && root === undefined) return finish(findings, parsed, type, left);
    if (!type) {
      const foreign = describeForeignDocument(root);
      findings.push({
        ruleId: 'EBK_UNKNOWN_TYPE',
        level: 'error',
        message: foreign
          ? `the document type could not be determined: ${foreign.message}`
          : 'the document type could not be determined (expected a request, offer set, session, update or error document); pass --type',
        pointer: '',
        ...(foreign ? { params: { shape: foreign.shape } } : {}),
      });
      return finish(findings, parsed, type, left);
    }
    const docType = type;
    // An XML root names its document (EB-XML-03): <execution> read as a request is a session sent to the wrong place.
    if (parsed?.docType !== undefined && parsed.docType !== docType) {
      findings.push(
        toFinding(
          {
            requirement: 'EB-XML-03',
            pointer: '',
            message: `the root element <${ROOTS[parsed.docType].element}> makes this ${withArticle(TYPE_WORDS[parsed.docType])}, not ${withArticle(TYPE_WORDS[docType])} (whose root is <${ROOTS[docType].element}>)`,
            params: { root: ROOTS[parsed.docType].element, expected: ROOTS[docType].element },
          },
          'xml-root',
        ),
      );
    }
    // A document wrapped as in an earlier generation ({request: {…}}) is named once and its content checked
    // as the document it wraps, every pointer still into the whole document.
    const wrapped = wrapperOf(root);
    const unwrap = wrapped !== undefined && wrapped.type === docType;
    const content = unwrap ? wrapped.inner : root;
    const prefix = unwrap ? `/${wrapped.key}` : '';
    const prefixed = (f: Finding): Finding => {
      if (prefix) {
        // Messages that open with their pointer (most do) name it in full too.
        if (f.pointer !== '' && f.message.startsWith(f.pointer)) f.message = prefix + f.message;
        else if (f.pointer === '' && f.message.startsWith('the document'))
          f.message = prefix + f.message.slice('the document'.length);
        f.pointer = prefix + f.pointer;
      }
      return f;
    };
    if (unwrap) {
      findings.push(
        toFinding(
          {
            requirement: 'EB-DM-07',
            pointer: prefix,
            message: `the document is wrapped in "${wrapped.key}:", the shape of ${wrapped.generation}; a 1.0 ${TYPE_WORDS[docType]} has no wrapper, so move the members of ${prefix} to the top level`,
            params: { wrapper: wrapped.key, generation: wrapped.generation },
          },
          'wrapped-document',
        ),
      );
    }
    const schema = opts.schema === false ? undefined : (opts.schema ?? defaults.schema)[docType];
    if (schema) {
      try {
        for (const r of runSchema(schema, content, docType)) keep(findings, prefixed(toFinding(r, 'schema')));
      } catch (err) {
        findings.push(crash('schema', err));
      }
    }
    let nodes: DocumentNodes;
    try {
      nodes = walk(content, docType);
    } catch (err) {
      findings.push(crash('walker', err));
      return finish(findings, parsed, type, left);
    }
    // One context for every rule: a per-rule context and closure cost more than most rules' own work on a
    // small document. A rule's reports are kept only when it finishes (a crash drops them).
    const buffer: Finding[] = [];
    let slug = '';
    const ctx: RuleContext = {
      type: docType,
      root: content,
      nodes,
      ...(parsed ? { source: { format: parsed.format, text: parsed.text } } : {}),
      report: (r) => keep(buffer, toFinding(r, slug)),
    };
    for (const rule of rulesFor(opts.rules ?? defaults.rules, docType)) {
      slug = rule.slug;
      const mark = { length: buffer.length, held: { ...held }, left: { ...left } };
      try {
        rule.check(ctx);
      } catch (err) {
        // A crashed rule's reports are dropped, and so are the counts of the ones it held or left out.
        buffer.length = mark.length;
        Object.assign(held, mark.held);
        Object.assign(left, mark.left);
        buffer.push(crash(rule.slug, err));
      }
    }
    // Held (and counted) already as each rule reported.
    for (const f of buffer) findings.push(f.ruleId === 'EBK_RULE_CRASHED' ? f : prefixed(f));
  } catch (err) {
    findings.push(crash('engine', err));
  }
  return finish(findings, parsed, type, left);
}

/** The rules of a set that apply to a type, worked out once per rule set (sets are long-lived values). */
const APPLICABLE = new WeakMap<readonly Rule[], Map<DocumentType, readonly Rule[]>>();

function rulesFor(rules: readonly Rule[], type: DocumentType): readonly Rule[] {
  let byType = APPLICABLE.get(rules);
  if (!byType) {
    byType = new Map();
    APPLICABLE.set(rules, byType);
  }
  let list = byType.get(type);
  if (!list) {
    list = rules.filter((r) => r.appliesTo.includes(type));
    byType.set(type, list);
  }
  return list;
}

function finish(
  all: Finding[],
  parsed: ParsedDocument | undefined,
  type: DocumentType | undefined,
  left: LeftOut,
): ValidationResult {
  if (all.length === 0 && left.count === 0) return { type, valid: true, findings: all };
  // A rule's error names the problem more precisely than the schema's at the same place (e.g. a
  // duration/end interval, EB-SCH-01, versus "does not match the interval pattern"): keep the rule's.
  const ruleErrorAt = new Set<string>();
  for (const f of all)
    if (f.level === 'error' && f.rule !== undefined && f.rule !== 'schema' && !f.ruleId.startsWith('EBK_'))
      ruleErrorAt.add(f.pointer);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const f of all) {
    const key = dedupKey(f);
    if (f.rule === 'schema' && f.level === 'error' && f.params?.member === undefined && ruleErrorAt.has(f.pointer))
      continue;
    if (seen.has(key)) continue;
    seen.add(key);
    if (parsed && f.line === undefined) {
      try {
        const pos = parsed.locate(f.pointer);
        if (pos) {
          f.line = pos.line;
          f.column = pos.column;
        }
      } catch {
        // A position is a convenience; the finding stands without one.
      }
    }
    findings.push(f);
  }
  findings.sort(compareFindings);
  const valid = !findings.some((f) => f.level === 'error') && left.errors === 0;
  // Errors rank first (and were held apart from the rest), so the findings listed are the first errors.
  for (const f of findings.splice(MAX_FINDINGS)) {
    left.count++;
    if (f.level === 'error') left.errors++;
  }
  if (left.count > 0) findings.push(leftOutFinding(left, findings.length));
  return { type, valid, findings };
}

/** The finding that counts what a result does not list; `listed` findings come before it. */
export function leftOutFinding(left: LeftOut, listed: number): Finding {
  const errors =
    left.errors === left.count
      ? 'all errors'
      : left.errors === 0
        ? 'none of them errors'
        : `${left.errors} of them errors`;
  return {
    ruleId: 'EBK_TOO_MANY_FINDINGS',
    level: 'info',
    message: `${left.count} more finding(s) (${errors}) are not listed: a result lists the first ${listed}, errors first; fix these and validate again`,
    pointer: '',
    params: { notListed: left.count, errorsNotListed: left.errors, listed },
  };
}
