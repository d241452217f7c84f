import { UNSAFE_KEYS } from '../util/index.js';

/**
 * A reader for the plain YAML that clients and emitters write: block mappings and sequences, one-line flow
 * collections, one-line quoted and plain scalars, comments, a leading `---`. js-yaml 5 takes ~300 µs for a
 * 1.7 KB execution request, most of a broker's POST; this takes a few.
 *
 * It answers NOT_SIMPLE for anything else — anchors, aliases, tags, block scalars, scalars over several lines,
 * explicit keys, directives, more than one document, tabs, CR, control characters, duplicate, unsafe or
 * non-string keys, numbers in any but the plain decimal forms, nesting near the depth limit — and the caller
 * gives such text to js-yaml (and problem documents to `yaml`, for positions). Whatever it accepts it reads as
 * js-yaml does with the core schema: the differential tests in test/parse/yaml-simple.test.ts hold it to that.
 */
export const NOT_SIMPLE: unique symbol = Symbol('not simple YAML');

export function readSimpleYaml(text: string, maxDepth: number): unknown {
  if (UNREADABLE.test(text)) return NOT_SIMPLE;
  try {
    return new Reader(text, maxDepth).document();
  } catch (e) {
    // a stack overflow (a caller's maxDepth far beyond what recursion allows) is js-yaml's to report too
    if (e === BAIL || e instanceof RangeError) return NOT_SIMPLE;
    throw e;
  }
}

/**
 * Characters js-yaml refuses, or reads as line breaks or spacing this reader does not model (tab, CR, NEL, …),
 * and lone surrogates.
 */
const UNREADABLE =
  /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const BAIL = new Error('not simple YAML');

const NL = 10;
const SPACE = 32;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/** Passed as the parent indent where a scalar must end on its line (keys, flow collections, the top). */
const NO_FOLDING = -1;
/**
 * Collections this reader counts, against every node js-yaml counts (scalars too): it gives up this many
 * levels before its own count reaches the limit, so it never reads what js-yaml would refuse as too deep.
 */
const DEPTH_MARGIN = 3;
/** Recursion deeper than this is left to js-yaml whatever limit a caller gives (NaN and Infinity included). */
const MAX_RECURSION = 1000;
/** Implicit keys longer than this are an error in YAML; leave them to js-yaml. */
const MAX_KEY = 1000;

/** The plain decimal numbers the core schema reads the same way as Number(). */
const PLAIN_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
/**
 * Every other form a YAML schema may read as a number (a superset of the core schema's: 012, 0x1F, 0o7, 0b1,
 * 1e3, .5, 1_000, .inf, .nan, 1:30): left to js-yaml. A UUID or a date is none of these, so it is a string here.
 */
const NUMBER_LIKE =
  /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9_]+)?|\.[0-9_]+(?:[eE][-+]?[0-9_]+)?|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\.(?:inf|Inf|INF|nan|NaN|NAN)|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$/;
const INTEGER = /^-?[0-9]+$/;

class Reader {
  private readonly s: string;
  private readonly len: number;
  private readonly maxDepth: number;
  /** Start of the next significant line (or len) between block constructs. */
  private pos = 0;
  /** Just past the ':' of the key last read. */
  private afterKey = 0;

  constructor(text: string, maxDepth: number) {
    this.maxDepth = maxDepth > MAX_RECURSION || Number.isNaN(maxDepth) ? MAX_RECURSION : maxDepth;
    this.s = text;
    this.len = text.length;
  }

  document(): unknown {
    const s = this.s;
    let p = this.skipBlank(0);
    if (s.startsWith('---', p)) {
      let q = p + 3;
      if (q < this.len && s.charCodeAt(q) !== NL && s.charCodeAt(q) !== SPACE) throw BAIL;
      q = this.skipSpaces(q);
      if (q < this.len && s.charCodeAt(q) !== NL && s.charCodeAt(q) !== HASH) throw BAIL;
      p = this.skipBlank(this.lineEnd(q));
    }
    if (p >= this.len) throw BAIL; // empty: js-yaml and the slow path say so
    this.pos = p;
    const indent = this.indentAt(p);
    const c = s.charCodeAt(p + indent);
    let value: unknown;
    if (c === LBRACKET || c === LBRACE) {
      value = this.inline(p + indent, 1, NO_FOLDING);
    } else {
      value = this.block(indent, 1);
    }
    if (this.pos < this.len) throw BAIL; // a dedent below the top node, `...`, a second document
    return value;
  }

  /** A block mapping or sequence whose first line starts at this.pos with this indent. */
  private block(indent: number, depth: number): unknown {
    if (depth + DEPTH_MARGIN >= this.maxDepth) throw BAIL;
    const at = this.pos + indent;
    if (this.isSequenceEntry(at)) return this.sequence(indent, depth);
    return this.mapping(indent, depth, at);
  }

  private mapping(indent: number, depth: number, keyAt: number): Record<string, unknown> {
    if (depth + DEPTH_MARGIN >= this.maxDepth) throw BAIL;
    const s = this.s;
    const map: Record<string, unknown> = {};
    let at = keyAt;
    for (;;) {
      const key = this.key(at);
      if (UNSAFE_KEYS.has(key) || Object.prototype.hasOwnProperty.call(map, key)) throw BAIL;
      const q = this.skipSpaces(this.afterKey);
      let value: unknown;
      if (q >= this.len || s.charCodeAt(q) === NL || s.charCodeAt(q) === HASH) {
        value = this.nested(indent, depth, this.lineEnd(q), true);
      } else {
        value = this.inline(q, depth + 1, indent);
        if (this.pos < this.len && this.indentAt(this.pos) > indent) throw BAIL; // deeper, yet no continuation
      }
      map[key] = value;
      if (this.pos >= this.len) return map;
      const next = this.indentAt(this.pos);
      if (next < indent) return map;
      if (next > indent || this.isSequenceEntry(this.pos + next)) throw BAIL;
      at = this.pos + next;
    }
  }

  /**
   * The value of `key:` or `-` with nothing after it on the line: a deeper block, null, or (after a key) a
   * sequence at the key's own indent.
   */
  private nested(indent: number, depth: number, from: number, afterKey: boolean): unknown {
    const next = this.skipBlank(from);
    this.pos = next;
    if (next >= this.len) return null;
    const ind = this.indentAt(next);
    if (ind > indent) {
      const c = this.s.charCodeAt(next + ind);
      if (c === LBRACKET || c === LBRACE) throw BAIL; // a flow collection on its own line may span lines
      return this.block(ind, depth + 1);
    }
    if (afterKey && ind === indent && this.isSequenceEntry(next + ind)) {
      if (depth + 1 + DEPTH_MARGIN >= this.maxDepth) throw BAIL;
      return this.sequence(ind, depth + 1);
    }
    return null;
  }

  private sequence(indent: number, depth: number): unknown[] {
    const s = this.s;
    const list: unknown[] = [];
    for (;;) {
      const lineStart = this.pos;
      const q = this.skipSpaces(lineStart + indent + 1);
      let value: unknown;
      if (q >= this.len || s.charCodeAt(q) === NL || s.charCodeAt(q) === HASH) {
        value = this.nested(indent, depth, this.lineEnd(q), false);
      } else if (this.isSequenceEntry(q)) {
        throw BAIL; // `- - x`: compact nested sequences are rare; js-yaml reads them
      } else if (this.startsKey(q)) {
        value = this.mapping(q - lineStart, depth + 1, q);
      } else {
        value = this.inline(q, depth + 1, indent);
        if (this.pos < this.len && this.indentAt(this.pos) > indent) throw BAIL;
      }
      list.push(value);
      if (this.pos >= this.len) return list;
      const next = this.indentAt(this.pos);
      if (next < indent) return list;
      if (next > indent) throw BAIL;
      // the same indent without `-` ends the sequence: after an indentless one it is the parent mapping's next
      // key; after a deeper one the parent finds the indent wrong and gives up
      if (!this.isSequenceEntry(this.pos + next)) return list;
    }
  }

  /** A mapping key at `at`, then `:` and a space or the line's end; leaves afterKey just past the `:`. */
  private key(at: number): string {
    const s = this.s;
    const c = s.charCodeAt(at);
    let key: string;
    let colon: number;
    if (c === DQUOTE || c === SQUOTE) {
      const [text, end] = c === DQUOTE ? this.doubleQuoted(at) : this.singleQuoted(at);
      key = text;
      colon = end;
      if (s.charCodeAt(colon) !== COLON) throw BAIL;
    } else {
      if (!isKeyStart(c)) throw BAIL;
      let i = at + 1;
      for (;;) {
        if (i >= this.len) throw BAIL;
        const d = s.charCodeAt(i);
        if (d === NL || d === HASH || d === DQUOTE || d === SQUOTE || isFlowIndicator(d)) throw BAIL;
        if (d === COLON && this.spaceOrEnd(i + 1)) break;
        i++;
      }
      if (s.charCodeAt(i - 1) === SPACE || i - at > MAX_KEY) throw BAIL;
      key = s.slice(at, i);
      colon = i;
      if (plainScalar(key) !== key) throw BAIL; // null, true, 1: not a string key
    }
    if (!this.spaceOrEnd(colon + 1)) throw BAIL;
    this.afterKey = colon + 1;
    return key;
  }

  /** Whether a compact mapping starts at `at` (after `- `): a key and `: ` before the line ends. */
  private startsKey(at: number): boolean {
    const s = this.s;
    const c = s.charCodeAt(at);
    if (c === LBRACKET || c === LBRACE) return false;
    let i = at;
    if (c === DQUOTE || c === SQUOTE) {
      try {
        i = (c === DQUOTE ? this.doubleQuoted(at) : this.singleQuoted(at))[1];
      } catch (e) {
        if (e === BAIL) return false; // not closed on this line: a scalar going on over lines, not a key
        throw e;
      }
      return s.charCodeAt(i) === COLON && this.spaceOrEnd(i + 1);
    }
    for (; i < this.len; i++) {
      const d = s.charCodeAt(i);
      if (d === NL) return false;
      if (d === COLON && this.spaceOrEnd(i + 1)) return true;
    }
    return false;
  }

  /**
   * A scalar or a one-line flow collection; a scalar may go on over lines indented deeper than `parentIndent`
   * (folded to spaces, as emitters wrap long text). Moves pos to the next significant line.
   */
  private inline(at: number, depth: number, parentIndent: number): unknown {
    const s = this.s;
    const c = s.charCodeAt(at);
    let value: unknown;
    let end: number;
    if (c === DQUOTE) [value, end] = this.doubleQuoted(at, parentIndent);
    else if (c === SQUOTE) [value, end] = this.singleQuoted(at, parentIndent);
    else if (c === LBRACKET || c === LBRACE) [value, end] = this.flow(at, depth);
    else return this.plain(at, parentIndent);
    const rest = this.skipSpaces(end);
    if (rest < this.len) {
      const d = s.charCodeAt(rest);
      if (d !== NL && !(d === HASH && rest > end)) throw BAIL;
    }
    this.pos = this.skipBlank(this.lineEnd(rest));
    return value;
  }

  /** A plain scalar in block context: its first line, then any continuation lines, folded with single spaces. */
  private plain(at: number, parentIndent: number): unknown {
    const s = this.s;
    const first = s.charCodeAt(at);
    const second = s.charCodeAt(at + 1);
    // `:8787` is plain in block context (a `:` followed by a space would be an empty key)
    if (!isPlainStart(first, second) && !(first === COLON && !this.spaceOrEnd(at + 1))) throw BAIL;
    let [text, end, commented] = this.plainLine(at);
    while (!commented && parentIndent !== NO_FOLDING) {
      const p = this.lineEnd(end);
      const q = this.skipSpaces(p);
      if (q >= this.len) break;
      const c = s.charCodeAt(q);
      if (c === NL) {
        // an empty line inside a scalar is a newline; leave that folding rule to js-yaml
        const next = this.skipBlank(p);
        if (
          next < this.len &&
          this.indentAt(next) > parentIndent &&
          s.charCodeAt(next + this.indentAt(next)) !== HASH
        ) {
          throw BAIL;
        }
        break;
      }
      if (c === HASH || q - p <= parentIndent) break;
      // inside a block scalar brackets are text; other indicators at a line start are left to js-yaml
      if (!isPlainStart(c, s.charCodeAt(q + 1)) && !isFlowIndicator(c)) throw BAIL;
      let more: string;
      [more, end, commented] = this.plainLine(q);
      text += ` ${more}`;
    }
    this.pos = this.skipBlank(this.lineEnd(end));
    return plainScalar(text);
  }

  /** One line of a plain scalar from `at`: its text (trimmed), where it stopped, and whether a comment follows. */
  private plainLine(at: number): [string, number, boolean] {
    const s = this.s;
    let i = at;
    let commented = false;
    for (; i < this.len; i++) {
      const d = s.charCodeAt(i);
      if (d === NL) break;
      if (d === HASH && s.charCodeAt(i - 1) === SPACE) {
        commented = true;
        break;
      }
      if (d === COLON && this.spaceOrEnd(i + 1)) throw BAIL;
    }
    let last = i;
    while (s.charCodeAt(last - 1) === SPACE) last--;
    return [s.slice(at, last), i, commented];
  }

  /** A flow sequence or mapping closed on the same line; returns the value and the index past its end. */
  private flow(at: number, depth: number): [unknown, number] {
    if (depth + DEPTH_MARGIN >= this.maxDepth) throw BAIL;
    const s = this.s;
    const open = s.charCodeAt(at);
    const close = open === LBRACKET ? RBRACKET : RBRACE;
    const list: unknown[] = [];
    const map: Record<string, unknown> = {};
    let i = this.skipSpaces(at + 1);
    if (s.charCodeAt(i) === close) return [open === LBRACKET ? list : map, i + 1];
    for (;;) {
      if (open === LBRACKET) {
        const [item, end] = this.flowItem(i, depth + 1);
        list.push(item);
        i = end;
      } else {
        const c = s.charCodeAt(i);
        let key: unknown;
        let end: number;
        if (c === DQUOTE || c === SQUOTE) {
          [key, end] = c === DQUOTE ? this.doubleQuoted(i) : this.singleQuoted(i);
          if (s.charCodeAt(end) !== COLON) throw BAIL; // JSON-like keys may be followed by `:` without a space
          end++;
        } else {
          [key, end] = this.flowItem(i, depth + 1);
          if (typeof key !== 'string' || s.charCodeAt(end) !== COLON || !this.spaceOrEnd(end + 1)) throw BAIL;
          end++;
        }
        if (typeof key !== 'string' || UNSAFE_KEYS.has(key) || Object.prototype.hasOwnProperty.call(map, key)) {
          throw BAIL;
        }
        const [value, after] = this.flowItem(this.skipSpaces(end), depth + 1);
        map[key] = value;
        i = after;
      }
      i = this.skipSpaces(i);
      const d = s.charCodeAt(i);
      if (d === close) return [open === LBRACKET ? list : map, i + 1];
      if (d !== COMMA) throw BAIL;
      i = this.skipSpaces(i + 1);
      if (s.charCodeAt(i) === close) throw BAIL; // a trailing comma
    }
  }

  private flowItem(at: number, depth: number): [unknown, number] {
    const s = this.s;
    const c = s.charCodeAt(at);
    if (c === DQUOTE) return this.doubleQuoted(at);
    if (c === SQUOTE) return this.singleQuoted(at);
    if (c === LBRACKET || c === LBRACE) return this.flow(at, depth);
    if (!isPlainStart(c, s.charCodeAt(at + 1))) throw BAIL;
    let i = at;
    for (; i < this.len; i++) {
      const d = s.charCodeAt(i);
      if (d === COMMA || d === RBRACKET || d === RBRACE || d === NL) break;
      if (d === HASH || d === LBRACKET || d === LBRACE || d === DQUOTE || d === SQUOTE) throw BAIL;
      if (d === COLON) {
        // `key: value` inside a flow mapping ends the key; anywhere else leave it to js-yaml
        if (this.spaceOrEnd(i + 1)) break;
        throw BAIL;
      }
    }
    let last = i;
    while (s.charCodeAt(last - 1) === SPACE) last--;
    if (last <= at) throw BAIL;
    return [plainScalar(s.slice(at, last)), i];
  }

  /**
   * A double-quoted scalar with JSON's escapes only (the ones YAML reads the same way). With a fold indent it
   * may go on over lines indented deeper than that, each break folded to a space.
   */
  private doubleQuoted(at: number, foldIndent: number = NO_FOLDING): [string, number] {
    const s = this.s;
    let i = at + 1;
    let escaped = false;
    let segment = i;
    let folded = '';
    for (;;) {
      if (i >= this.len) throw BAIL;
      const c = s.charCodeAt(i);
      if (c === DQUOTE) break;
      if (c === NL) {
        folded += `${trimEnd(s.slice(segment, i))} `;
        i = segment = this.continuation(i, foldIndent);
        continue;
      }
      if (c === BACKSLASH) {
        escaped = true;
        const e = s[i + 1];
        if (e === '\n') {
          // an escaped line break joins the lines without a space (emitters wrap long words so)
          folded += s.slice(segment, i);
          i = segment = this.continuation(i + 1, foldIndent);
          continue;
        }
        if (e === 'u') {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw BAIL;
          const code = parseInt(hex, 16);
          if (code >= 0xd800 && code <= 0xdfff) throw BAIL;
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw BAIL;
        i += 2;
        continue;
      }
      i++;
    }
    const body = folded + s.slice(segment, i);
    return [escaped ? (JSON.parse(`"${body}"`) as string) : body, i + 1];
  }

  private singleQuoted(at: number, foldIndent: number = NO_FOLDING): [string, number] {
    const s = this.s;
    let i = at + 1;
    let doubled = false;
    let segment = i;
    let folded = '';
    for (;;) {
      if (i >= this.len) throw BAIL;
      const c = s.charCodeAt(i);
      if (c === NL) {
        folded += `${trimEnd(s.slice(segment, i))} `;
        i = segment = this.continuation(i, foldIndent);
        continue;
      }
      if (c === SQUOTE) {
        if (s.charCodeAt(i + 1) !== SQUOTE) break;
        doubled = true;
        i += 2;
        continue;
      }
      i++;
    }
    const body = folded + s.slice(segment, i);
    return [doubled ? body.replaceAll("''", "'") : body, i + 1];
  }

  /** Past the line break at `nl` and the next line's indentation, which must be deeper than `foldIndent`. */
  private continuation(nl: number, foldIndent: number): number {
    if (foldIndent === NO_FOLDING) throw BAIL;
    const q = this.skipSpaces(nl + 1);
    if (q >= this.len || this.s.charCodeAt(q) === NL || q - nl - 1 <= foldIndent) throw BAIL;
    return q;
  }

  private isSequenceEntry(at: number): boolean {
    return this.s.charCodeAt(at) === DASH && this.spaceOrEnd(at + 1);
  }

  private spaceOrEnd(i: number): boolean {
    if (i >= this.len) return true;
    const c = this.s.charCodeAt(i);
    return c === SPACE || c === NL;
  }

  private skipSpaces(i: number): number {
    while (i < this.len && this.s.charCodeAt(i) === SPACE) i++;
    return i;
  }

  private indentAt(lineStart: number): number {
    return this.skipSpaces(lineStart) - lineStart;
  }

  /** The start of the line after the one holding `i`. */
  private lineEnd(i: number): number {
    const nl = this.s.indexOf('\n', i);
    return nl === -1 ? this.len : nl + 1;
  }

  /** From a line start, past blank and comment-only lines, to the next significant line's start (or len). */
  private skipBlank(p: number): number {
    const s = this.s;
    while (p < this.len) {
      const q = this.skipSpaces(p);
      if (q >= this.len) return this.len;
      const c = s.charCodeAt(q);
      if (c === NL) p = q + 1;
      else if (c === HASH) p = this.lineEnd(q);
      else return p;
    }
    return p;
  }
}

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === SPACE) end--;
  return text.slice(0, end);
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isKeyStart(c: number): boolean {
  return isLetter(c) || c === 95 /* _ */ || c >= 0xa0;
}

/** A plain scalar may start so without being an indicator (`- `, `? `, `&`, `*`, `!`, `|`, `>`, `%`, `@`, …). */
function isPlainStart(c: number, next: number): boolean {
  if (isLetter(c) || (c >= 48 && c <= 57) || c >= 0xa0) return true;
  switch (c) {
    case 95: // _
    case 47: // /
    case 46: // .
    case 43: // +
    case 126: // ~
    case 36: // $
    case 40: // (
      return true;
    case DASH:
      // `-` starts a plain scalar only before a safe character (`[-]` is an error, not the string "-")
      return next !== SPACE && next !== NL && !Number.isNaN(next) && !isFlowIndicator(next);
    default:
      return false;
  }
}

/** What the core schema makes of a plain scalar, or BAIL where it is not obvious. */
function plainScalar(text: string): unknown {
  switch (text) {
    case 'null':
    case 'Null':
    case 'NULL':
    case '~':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === DASH || c === 43 || c === 46) {
    if (PLAIN_NUMBER.test(text)) {
      const n = Number(text);
      if (INTEGER.test(text) && !Number.isSafeInteger(n)) throw BAIL; // the slow path warns about it
      if (!Number.isFinite(n)) throw BAIL; // js-yaml keeps a decimal too large for a double as a string
      return n;
    }
    if (NUMBER_LIKE.test(text)) throw BAIL;
  }
  return text;
}
