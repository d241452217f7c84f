/**
 * YAML output: byte for byte what js-yaml's `dump(value, YAML_DUMP_OPTIONS)` writes, at a fraction of the
 * cost for the documents the toolkit writes (plain objects, arrays, strings, numbers, booleans, null). js-yaml 5
 * builds an AST and runs its scalar-style rules (Unicode regexes) for every scalar; a broker's offer set has
 * ~150 scalars, most of them the same kinds, names and instants, so dump cost more than the rest of a
 * POST /requests. Here the structure is written directly (the presenter's block layout, indent 2) and each
 * scalar's text is either proven plain (a conservative character class and the dump schema's own implicit
 * type check) or asked of js-yaml once and remembered. Anything else (a multi-line string, a Date, a Map, a
 * scalar root, a key over 1024 characters) goes to js-yaml whole. test/serialize/yaml.test.ts compares both
 * emitters on generated documents and reads the output back with the `yaml` library.
 */
import { DUMP_SCHEMA, dump } from 'js-yaml';

/** The options every YAML document of the toolkit is written with (see serialize). */
export const YAML_DUMP_OPTIONS = Object.freeze({ noRefs: true, lineWidth: -1, skipInvalid: true });

/** Returned up the recursion when the fast path cannot promise js-yaml's output. */
const FALLBACK = Symbol('fallback');
type Text = string | typeof FALLBACK;

const STR_TAG = DUMP_SCHEMA.defaultScalarTag.tagName;
/**
 * Characters that keep a one-line scalar plain in block context (no indicator first, no space, no `#`, a
 * `:` only before another of these); whether it then reads back as a string is the schema's check below.
 */
const PLAIN_SAFE = /^[A-Za-z0-9_./~+][A-Za-z0-9_./~+=@%:-]*$/;
/** js-yaml writes a longer key as an explicit `? key` pair. */
const MAX_KEY = 1024;
/** Scalars remembered; past this the memo starts again (documents repeat few distinct values). */
const MAX_MEMO = 8192;
const MAX_MEMO_LENGTH = 512;

const strings = new Map<string, string>();
const others = new Map<number | boolean | null, string>();

/** js-yaml's text for one scalar inside a block collection (level ≥ 1: the root's first-line rules differ). */
function askJsYaml(value: string | number | boolean | null): Text {
  const item = dump([value], YAML_DUMP_OPTIONS);
  // "- <scalar>\n"; a scalar written on several lines (a block scalar) is left to js-yaml whole.
  if (!item.startsWith('- ') || item.indexOf('\n') !== item.length - 1) return FALLBACK;
  return item.slice(2, -1);
}

function stringText(s: string): Text {
  const known = strings.get(s);
  if (known !== undefined) return known;
  if (s.includes('\n')) return FALLBACK;
  let text: Text;
  if (
    PLAIN_SAFE.test(s) &&
    s.charCodeAt(s.length - 1) !== 58 /* ':' */ &&
    DUMP_SCHEMA.resolveImplicitScalarTag(s).tag.tagName === STR_TAG
  ) {
    text = s;
  } else {
    text = askJsYaml(s);
    if (text === FALLBACK) return FALLBACK;
  }
  if (s.length <= MAX_MEMO_LENGTH) {
    if (strings.size >= MAX_MEMO) strings.clear();
    strings.set(s, text);
  }
  return text;
}

function otherText(v: number | boolean | null): Text {
  // Map keys compare -0 and 0 alike, and js-yaml writes them differently.
  if (Object.is(v, -0)) return askJsYaml(v);
  let text = others.get(v);
  if (text === undefined) {
    const asked = askJsYaml(v);
    if (asked === FALLBACK) return FALLBACK;
    text = asked;
    if (others.size >= MAX_MEMO) others.clear();
    others.set(v, text);
  }
  return text;
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const pads: string[] = [];
/** A line break and the indentation of `level` (two spaces a level). */
function nextLine(level: number): string {
  return (pads[level] ??= `\n${'  '.repeat(level)}`);
}

/** One node at `level`; `compact`: the first entry of a collection goes on the current line. */
function node(v: unknown, level: number, compact: boolean): Text {
  switch (typeof v) {
    case 'string':
      return stringText(v);
    case 'number':
    case 'boolean':
      return otherText(v);
    case 'object':
      if (v === null) return otherText(null);
      if (Array.isArray(v)) return v.length === 0 ? '[]' : sequence(v, level, compact);
      if (isPlainObject(v)) return mapping(v, level, compact);
      return FALLBACK;
    default:
      return FALLBACK;
  }
}

function sequence(items: readonly unknown[], level: number, compact: boolean): Text {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    // js-yaml writes an undefined item (or a hole) as null.
    const text = node(v === undefined ? null : v, level + 1, true);
    if (text === FALLBACK) return FALLBACK;
    if (!compact || out !== '') out += nextLine(level);
    out += text === '' || text.charCodeAt(0) === 10 ? `-${text}` : `- ${text}`;
  }
  return out;
}

function mapping(map: Record<string, unknown>, level: number, compact: boolean): Text {
  let out = '';
  for (const key of Object.keys(map)) {
    const v = map[key];
    if (v === undefined) continue; // skipInvalid: the pair is left out
    const k = stringText(key);
    if (k === FALLBACK || k.length > MAX_KEY) return FALLBACK;
    const text = node(v, level + 1, false);
    if (text === FALLBACK) return FALLBACK;
    if (!compact || out !== '') out += nextLine(level);
    out += text === '' || text.charCodeAt(0) === 10 ? `${k}:${text}` : `${k}: ${text}`;
  }
  return out === '' ? '{}' : out;
}

/** `dump(value, YAML_DUMP_OPTIONS)`, the same bytes. */
export function dumpYaml(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const text = node(value, 0, true);
    if (text !== FALLBACK) return `${text}\n`;
  }
  return dump(value, YAML_DUMP_OPTIONS);
}
