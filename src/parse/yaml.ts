import { CORE_SCHEMA, defineMappingTag, defineScalarTag, floatCoreTag, intCoreTag, load } from 'js-yaml';
import type { Document, LineCounter, parseAllDocuments } from 'yaml';
import type { Finding } from '../findings.js';
import { parseFinding } from './finding.js';
import type { LineIndex } from './lines.js';
import { safeCopy } from './safe-value.js';
import { UNSAFE_KEYS, errorMessage } from '../util/index.js';
import { yamlGuard } from './yaml-guard.js';
import { DEFAULT_MAX_VALUES } from './types.js';
import { tooManyValues } from './too-many-values.js';
import { yamlLib } from './yaml-lib.js';
import { walkYaml, type YamlWalk } from './yaml-tree.js';
import { NOT_SIMPLE, readSimpleYaml } from './yaml-simple.js';
import { numberRangeProblem } from './number-range.js';

/** Fewer aliases than this cannot build a dangerous expansion; more are refused (EBK_ALIAS_LIMIT). */
export const MAX_ALIASES = 50;
/** The block-depth estimate of the Lexer guard over-counts a little; exact depth is checked on the tree. */
const GUARD_SLACK = 8;

export interface YamlResult {
  ok: boolean;
  value: unknown;
  findings: Finding[];
  /** Set when the slow path already built the index; the locator reuses it. */
  walk?: YamlWalk;
}

// js-yaml calls these synchronously during one load(), so a module flag is safe
let sawUnsafeNumber = false;

/** A map that refuses what js-yaml would silently accept, to send such documents to the slow path. */
const strictMapTag = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
  create: () => ({}),
  identify: () => false,
  addPair: (map, key, value) => {
    if (typeof key !== 'string') return 'non-string key';
    if (UNSAFE_KEYS.has(key)) return 'unsafe key';
    map[key] = value;
    return '';
  },
  has: (map, key) => typeof key === 'string' && Object.prototype.hasOwnProperty.call(map, key),
  keys: (map) => Object.keys(map),
  get: (map, key) => (typeof key === 'string' && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : null),
});

/**
 * A core-schema number tag that flags, for the slow path, the numbers it reads wrongly: integers past ±2^53−1;
 * `.inf`, `.nan` and `1e-400` (read as 0), which the slow path names.
 */
function checkedNumberTag(
  uri: string,
  base: typeof intCoreTag,
  unsafe: (source: string, v: number) => boolean,
): ReturnType<typeof defineScalarTag> {
  return defineScalarTag(uri, {
    implicit: base.implicit,
    implicitFirstChars: base.implicitFirstChars,
    identify: base.identify,
    represent: base.represent,
    resolve: (source, isExplicit, tagName) => {
      const v = base.resolve(source, isExplicit, tagName);
      if (typeof v === 'number' && unsafe(source, v)) sawUnsafeNumber = true;
      return v;
    },
  });
}

const checkedIntTag = checkedNumberTag('tag:yaml.org,2002:int', intCoreTag, (_s, v) => !Number.isSafeInteger(v));
const checkedFloatTag = checkedNumberTag(
  'tag:yaml.org,2002:float',
  floatCoreTag,
  (source, v) => numberRangeProblem(source, v) !== undefined,
);

// Core schema: timestamps stay strings, yes/no stay strings, no !!js/* or other code tags
const HOT_SCHEMA = CORE_SCHEMA.withTags(strictMapTag, checkedIntTag, checkedFloatTag);

/**
 * Hot paths first: the plain YAML most clients write is read by readSimpleYaml, the rest by js-yaml (fast, no
 * positions); anything js-yaml refuses or we flag goes to the slow path with `yaml`, which finds every problem
 * with its line/column.
 */
export function parseYaml(
  source: string,
  maxDepth: number,
  lines: LineIndex,
  maxValues = DEFAULT_MAX_VALUES,
): YamlResult {
  const text = loneCrAsLf(source);
  const result = parseYamlText(text, maxDepth, lines, maxValues);
  const directive = YAML_11.exec(text.slice(0, 4096));
  if (result.ok && directive)
    result.findings.push(
      parseFinding(
        'EBK_YAML_VERSION',
        `The document declares ${directive[1]}, but is read as YAML 1.2 (as the standard's YAML is): yes, no, on and off stay strings and 0755 is 755 here, where a YAML 1.1 reader (SnakeYAML, PyYAML) reads booleans and an octal number. Write true/false, quote strings, and drop the directive to read the same everywhere.`,
        '',
        lines.position(directive.index),
        'warning',
        { directive: directive[1] },
      ),
    );
  return result;
}

/**
 * A lone CR is a line break in YAML 1.2 (§5.4), but the yaml package reads it as part of the line: a CR-only file
 * that starts with a comment was one long comment, an empty stream. Each becomes LF, so every offset stays put.
 */
export function loneCrAsLf(text: string): string {
  // Tested first: a CRLF document, the common case with a CR in it, is not copied.
  return /\r(?!\n)/.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** A %YAML 1.1 (or 1.0) directive: its plain scalars mean other things than in YAML 1.2. */
const YAML_11 = /^%(YAML[ \t]+1\.[01])\b/m;

function parseYamlText(text: string, maxDepth: number, lines: LineIndex, maxValues: number): YamlResult {
  // YAML streams hold printable characters only (YAML 1.2 §5.1): a raw NUL or other C0 control is no YAML, though
  // the slow parser reads it. Refused, not read: the value would differ by format (XML cannot carry it at all).
  const control = NON_PRINTABLE.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return fail(
      'EBK_SYNTAX',
      `The YAML holds the control character U+${code}, which YAML does not allow; write it as an escape in a double-quoted string ("\\x${code.slice(2)}") if it is meant.`,
      lines.position(control.index),
      { character: `U+${code}` },
    );
  }
  const simple = readSimpleYaml(text, maxDepth);
  if (simple !== NOT_SIMPLE) return { ok: true, value: simple, findings: [] };
  sawUnsafeNumber = false;
  let value: unknown;
  try {
    value = load(text, { schema: HOT_SCHEMA, maxAliases: MAX_ALIASES, maxDepth });
  } catch (e) {
    const reason = (e as { reason?: unknown }).reason;
    const mark = (e as { mark?: { line?: number; column?: number } }).mark;
    const at =
      mark && typeof mark.line === 'number' ? { line: mark.line + 1, column: (mark.column ?? 0) + 1 } : undefined;
    if (typeof reason === 'string' && reason.startsWith('nesting exceeded maxDepth')) {
      return fail('EBK_TOO_DEEP', `The YAML nests deeper than ${maxDepth} levels; it was not parsed.`, at, {
        maxDepth,
      });
    }
    if (typeof reason === 'string' && reason.startsWith('aliases exceeded maxAliases')) {
      return fail('EBK_ALIAS_LIMIT', `The YAML uses more than ${MAX_ALIASES} aliases; it was not expanded.`, at, {
        maxAliases: MAX_ALIASES,
      });
    }
    const result = slowPath(text, maxDepth, lines, maxValues);
    if (result.ok && result.findings.length === 0) {
      // the two parsers disagree; say so rather than pass silently
      result.findings.push(
        parseFinding(
          'EBK_SYNTAX',
          `The YAML is ambiguous: ${typeof reason === 'string' ? reason : 'the fast parser refused it'}.`,
          '',
          at,
          'warning',
        ),
      );
    }
    return result;
  }
  if (sawUnsafeNumber) return slowPath(text, maxDepth, lines, maxValues);
  // aliases are shared references: expand them under a budget before anyone walks the value
  if (ALIAS.test(text)) {
    const copy = safeCopy(value, nodeBudget(text), maxDepth);
    if (copy.exceeded)
      return { ok: false, value: undefined, findings: [limitFinding(copy.exceeded, copy.at ?? '', maxDepth)] };
    value = copy.value;
  }
  return { ok: true, value, findings: [] };
}

/** Characters outside YAML's c-printable set that may appear in a decoded string (tab, LF and CR are printable). */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

/** Something that may be an alias (`*name` where a node can start); false positives only cost a copy. */
const ALIAS = /(?:^|[\s[{,:?-])\*[^\s,[\]{}]/;

/** A tree needs at least about one source character per node; aliases may multiply that a little. */
function nodeBudget(text: string): number {
  return text.length + 10_000;
}

function slowPath(text: string, maxDepth: number, lines: LineIndex, maxValues: number): YamlResult {
  // The yaml package's tree costs hundreds of bytes per value: a list of millions exhausted the heap. Its Lexer,
  // which keeps nothing, counts them first (a key is a scalar too, so a mapping's members may count twice).
  const guard = yamlGuard(text, maxDepth + GUARD_SLACK, 2 * maxValues);
  if (guard.valuesAt >= 0) {
    const f = tooManyValues(maxValues, lines.position(guard.valuesAt));
    return { ok: false, value: undefined, findings: [f] };
  }
  const deepAt = guard.depthAt;
  if (deepAt >= 0) {
    return fail(
      'EBK_TOO_DEEP',
      `The YAML nests deeper than ${maxDepth} levels; it was not parsed.`,
      lines.position(deepAt),
      {
        maxDepth,
      },
    );
  }
  const { LineCounter, parseAllDocuments } = yamlLib();
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, yamlOptions(lc)) as Document.Parsed[];
  } catch (e) {
    return fail('EBK_SYNTAX', `The YAML could not be parsed: ${errorMessage(e)}.`, undefined);
  }
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc || doc.contents === null) return fail('EBK_EMPTY', 'The YAML stream holds no document.', undefined);
  const findings: Finding[] = [];
  if (docs.length > 1) {
    const second = docs[1];
    findings.push(
      parseFinding(
        'EBK_SYNTAX',
        `The YAML stream holds ${docs.length} documents; exactly one is expected, only the first was read.`,
        '',
        lines.position(second?.range[0] ?? 0),
        'error',
        { documents: docs.length },
      ),
    );
  }
  let ok = true;
  for (const err of doc.errors) {
    ok = false;
    findings.push(
      parseFinding(
        'EBK_SYNTAX',
        `The YAML is not well-formed: ${firstLine(err.message)}.`,
        '',
        lines.position(err.pos[0]),
        'error',
        {
          code: err.code,
        },
      ),
    );
  }
  for (const w of doc.warnings) {
    const tag = w.code === 'TAG_RESOLVE_FAILED';
    findings.push(
      parseFinding(
        'EBK_SYNTAX',
        tag
          ? `${firstLine(w.message)}; only the YAML core schema tags are allowed, and the tagged node is read as plain YAML, without its tag.`
          : `${firstLine(w.message)}.`,
        '',
        lines.position(w.pos[0]),
        tag ? 'error' : 'warning',
        { code: w.code },
      ),
    );
  }
  // keep a position index even for a broken document, so locate() does not parse it again
  if (!ok) return { ok: false, value: undefined, findings, walk: walkYaml(doc, lc, maxDepth + GUARD_SLACK, false) };
  const walk = walkYaml(doc, lc, maxDepth, true);
  findings.push(...walk.findings);
  if (walk.findings.some((f) => f.ruleId === 'EBK_TOO_DEEP')) return { ok: false, value: undefined, findings, walk };
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    findings.push(
      parseFinding('EBK_ALIAS_LIMIT', `The YAML aliases would expand too far (${firstLine(errorMessage(e))}).`, ''),
    );
    return { ok: false, value: undefined, findings, walk };
  }
  const copy = safeCopy(js, nodeBudget(text), maxDepth);
  if (copy.exceeded) {
    findings.push(limitFinding(copy.exceeded, copy.at ?? '', maxDepth));
    return { ok: false, value: undefined, findings, walk };
  }
  return { ok: true, value: copy.value, findings, walk };
}

export function yamlOptions(lineCounter: LineCounter): Parameters<typeof parseAllDocuments>[1] {
  return {
    lineCounter,
    version: '1.2',
    schema: 'core',
    uniqueKeys: false, // the tree walk reports duplicates with their pointer
    merge: false,
    prettyErrors: false,
    logLevel: 'error',
    intAsBigInt: false,
  };
}

function fail(
  ruleId: 'EBK_TOO_DEEP' | 'EBK_ALIAS_LIMIT' | 'EBK_SYNTAX' | 'EBK_EMPTY',
  message: string,
  at: { line: number; column: number } | undefined,
  params?: Record<string, unknown>,
): YamlResult {
  return { ok: false, value: undefined, findings: [parseFinding(ruleId, message, '', at, 'error', params)] };
}

function limitFinding(kind: 'nodes' | 'depth', pointer: string, maxDepth: number): Finding {
  return kind === 'nodes'
    ? parseFinding(
        'EBK_ALIAS_LIMIT',
        'The YAML aliases expand to far more nodes than the text holds; it was not expanded.',
        pointer,
      )
    : parseFinding(
        'EBK_TOO_DEEP',
        `The YAML, with its aliases expanded, nests deeper than ${maxDepth} levels.`,
        pointer,
        undefined,
        'error',
        {
          maxDepth,
        },
      );
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').replace(/[.:]\s*$/, '');
}
