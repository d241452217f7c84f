/** XML → object, driven by the mapping table (schema/xsd/README.md). Never throws. */
import type { XMLParser } from 'fast-xml-parser';
import type { DocumentType, Finding, RuleId } from '../findings.js';
import { fastXmlParser as fxp } from './fast-xml-parser.js';
import { textToLeaf, type LeafResult } from './leaf.js';
import { bigIntegerProblem } from '../util/int64.js';
import { NOT_XML_CHAR } from './characters.js';
import {
  EB_NS,
  EXT_NS,
  MAP_ENTRY,
  ROOTS,
  XSI_NS,
  docTypeOfRoot,
  findProp,
  leafTypeFor,
  type Prop,
  type TypeName,
} from './mapping.js';
import { MAX_ATTRIBUTES, lineStarts, positionOf, prescanXml } from './prescan.js';
import { UNSAFE_KEYS, errorMessage, escapeToken, toText } from '../util/index.js';

/** The IVOA VOSI namespaces (availability, capabilities) share this start. */
const VOSI_NS_PREFIX = 'http://www.ivoa.net/xml/VOSI';

export interface XmlToObjectOptions {
  /** Maximum element nesting (default 64, as ParseOptions.maxDepth). */
  maxDepth?: number;
}

export interface XmlToObjectResult {
  value: unknown;
  docType?: DocumentType;
  findings: Finding[];
}

const DEFAULT_MAX_DEPTH = 64;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** A node of fast-xml-parser's `preserveOrder` output. */
type XNode = Record<string, unknown>;

let metaSymbol: symbol | undefined;

function META(): symbol {
  metaSymbol ??= fxp().XMLParser.getMetaDataSymbol() as unknown as symbol;
  return metaSymbol;
}

function parser(maxDepth: number): XMLParser {
  return new (fxp().XMLParser)({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    processEntities: false, // no entity is ever expanded; the five predefined ones are decoded below
    htmlEntities: false,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: false,
    cdataPropName: '#cdata',
    commentPropName: '#comment',
    captureMetaData: true,
    maxNestedTags: maxDepth + 1,
  });
}

function tagOf(node: XNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return undefined;
}

function childrenOf(node: XNode, tag: string): XNode[] {
  const c = node[tag];
  return Array.isArray(c) ? (c as XNode[]) : [];
}

function attrsOf(node: XNode): Record<string, string> {
  const a = node[':@'];
  return a && typeof a === 'object' ? (a as Record<string, string>) : {};
}

function startOf(node: XNode): number | undefined {
  const m = (node as Record<symbol, unknown>)[META()] as { startIndex?: number } | undefined;
  return m?.startIndex;
}

/** Walks the parsed tree and builds the object; optionally records where each pointer starts. */
class Reader {
  readonly findings: Finding[] = [];
  /** Treat unqualified elements as ExecutionBroker ones (root had no namespace). */
  noNamespaceIsEb = false;
  private starts: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly positions?: Map<string, number>,
  ) {}

  private finding(
    ruleId: RuleId,
    message: string,
    pointer: string,
    node?: XNode,
    params?: Record<string, unknown>,
    level: Finding['level'] = 'error',
  ): void {
    const f: Finding = { ruleId, level, message, pointer };
    const at = node ? startOf(node) : undefined;
    if (at !== undefined) {
      this.starts ??= lineStarts(this.text);
      Object.assign(f, positionOf(this.starts, at));
    }
    if (params) f.params = params;
    this.findings.push(f);
  }

  /**
   * A leaf's value; an integer past ±2^53−1 (within int64, else it stays text for the schema to refuse) warns, as
   * the JSON and YAML readers warn, so one document gets one verdict in every format.
   */
  private leaf(text: string, type: Parameters<typeof textToLeaf>[1], pointer: string, node: XNode): LeafResult {
    const r = textToLeaf(text, type);
    const digits = text.trim();
    if (r.ok && typeof r.value === 'number' && !Number.isSafeInteger(r.value) && /^[+-]?\d+$/.test(digits)) {
      const big = bigIntegerProblem(digits, r.value);
      this.finding('EBK_UNSAFE_NUMBER', big.message, pointer, node, { text: digits }, big.level);
    }
    return r;
  }

  private mapping(message: string, pointer: string, node?: XNode, params?: Record<string, unknown>): void {
    this.finding('EBK_XML_MAPPING', message, pointer, node, params);
  }

  /** The root's namespace or name is wrong: the requirement itself (EB-XML-03) is what a report or manifest names. */
  private rootFinding(message: string, node: XNode, params: Record<string, unknown>): void {
    this.finding('EB-XML-03', message, '', node, { ...params, requirement: 'EB-XML-03' });
  }

  private mark(pointer: string, node: XNode): void {
    const at = startOf(node);
    if (this.positions && at !== undefined && !this.positions.has(pointer)) this.positions.set(pointer, at);
  }

  private markAttr(pointer: string, node: XNode, name: string): void {
    const at = startOf(node);
    if (!this.positions || at === undefined) return;
    const end = this.text.indexOf('>', at);
    const re = new RegExp(`\\s${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`, 'g');
    re.lastIndex = at;
    const m = re.exec(this.text);
    this.positions.set(pointer, m && (end === -1 || m.index < end) ? m.index + 1 : at);
  }

  /** Decodes the predefined entities and character references; anything else is reported. */
  decode(raw: string, pointer: string, node: XNode): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s]*);?/g, (all, ref: string) => {
      if (!all.endsWith(';')) {
        this.finding('EBK_SYNTAX', 'A bare "&" must be written as &amp;.', pointer, node);
        return all;
      }
      switch (ref) {
        case 'lt':
          return '<';
        case 'gt':
          return '>';
        case 'amp':
          return '&';
        case 'quot':
          return '"';
        case 'apos':
          return "'";
      }
      const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
      if (m) {
        const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
        const legal =
          cp === 0x9 ||
          cp === 0xa ||
          cp === 0xd ||
          (cp >= 0x20 && cp <= 0xd7ff) ||
          (cp >= 0xe000 && cp <= 0xfffd) ||
          (cp >= 0x10000 && cp <= 0x10ffff);
        if (legal) return String.fromCodePoint(cp);
        this.finding('EBK_SYNTAX', `Character reference ${all} is not a legal XML character.`, pointer, node);
        return '\uFFFD';
      }
      this.finding(
        'EBK_DOCTYPE',
        `Entity reference ${all} is refused: only the five predefined XML entities are allowed.`,
        pointer,
        node,
      );
      return all;
    });
  }

  /** Namespace scope of an element, extended by its own xmlns declarations. */
  private scope(node: XNode, parent: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
    let scope: Map<string, string> | undefined;
    for (const [name, value] of Object.entries(attrsOf(node))) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        scope ??= new Map(parent);
        scope.set(name === 'xmlns' ? '' : name.slice(6), value);
      }
    }
    return scope ?? parent;
  }

  /** Namespace URI and local name of an element name ('' = no namespace; undefined = undeclared prefix). */
  private resolve(qname: string, scope: ReadonlyMap<string, string>): { ns: string | undefined; local: string } {
    const colon = qname.indexOf(':');
    if (colon === -1) return { ns: scope.get('') ?? '', local: qname };
    const prefix = qname.slice(0, colon);
    if (prefix === 'xml') return { ns: XML_NS, local: qname.slice(colon + 1) };
    return { ns: scope.get(prefix), local: qname.slice(colon + 1) };
  }

  private isEb(ns: string | undefined): boolean {
    return ns === EB_NS || (this.noNamespaceIsEb && ns === '');
  }

  private safeKey(obj: Record<string, unknown>, key: string, value: unknown, pointer: string, node: XNode): void {
    if (UNSAFE_KEYS.has(key)) {
      this.finding('EBK_UNSAFE_KEY', `The key "${key}" is refused.`, pointer, node, { key });
      return;
    }
    if (Object.prototype.hasOwnProperty.call(obj, key)) {
      this.finding('EBK_DUPLICATE_KEY', `"${key}" is given more than once; the first is kept.`, pointer, node, { key });
      return;
    }
    obj[key] = value;
  }

  /** Text content of a leaf element; child elements are reported. */
  private leafText(node: XNode, tag: string, pointer: string): string {
    let out = '';
    for (const child of childrenOf(node, tag)) {
      const t = tagOf(child);
      if (t === '#text') out += this.decode(toText(child['#text'] ?? ''), pointer, node);
      else if (t === '#cdata')
        out += childrenOf(child, '#cdata')
          .map((c) => toText(c['#text'] ?? ''))
          .join('');
      else if (t === '#comment') continue;
      else if (t)
        this.mapping(`<${tag}> holds a simple value and cannot contain the element <${t}>.`, pointer, child, {
          element: t,
        });
    }
    return out;
  }

  /** Reports unexpected attributes on an element that takes none of ours. */
  private checkNoAttributes(node: XNode, tag: string, pointer: string, allowed: readonly string[] = []): void {
    for (const name of Object.keys(attrsOf(node))) {
      if (name === 'xmlns' || name.includes(':') || allowed.includes(name)) continue;
      this.mapping(`The attribute "${name}" on <${tag}> is not part of the mapping.`, pointer, node, {
        attribute: name,
      });
    }
  }

  /** Iterates element children, reporting stray text; yields resolved names. */
  private *elements(node: XNode, tag: string, pointer: string, scope: ReadonlyMap<string, string>) {
    for (const child of childrenOf(node, tag)) {
      const t = tagOf(child);
      if (!t || t === '#comment') continue;
      if (t === '#text' || t === '#cdata') {
        const s =
          t === '#text'
            ? toText(child['#text'] ?? '')
            : childrenOf(child, '#cdata')
                .map((c) => toText(c['#text'] ?? ''))
                .join('');
        if (s.trim() !== '')
          this.mapping(
            `<${tag}> holds elements only; the text "${s.trim().slice(0, 40)}" is not part of the mapping.`,
            pointer,
            node,
          );
        continue;
      }
      const childScope = this.scope(child, scope);
      const { ns, local } = this.resolve(t, childScope);
      if (ns === undefined) {
        this.mapping(`The prefix of <${t}> is not declared.`, pointer, child, { element: t });
        continue;
      }
      yield { child, tag: t, ns, local, scope: childScope };
    }
  }

  readObject(
    node: XNode,
    tag: string,
    type: TypeName,
    pointer: string,
    scope: ReadonlyMap<string, string>,
  ): Record<string, unknown> {
    this.mark(pointer, node);
    const obj: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(attrsOf(node))) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      if (name.includes(':')) {
        const { ns } = this.resolve(name, scope);
        if (ns === XSI_NS || ns === XML_NS) continue;
        if (ns === undefined)
          this.mapping(`The prefix of the attribute "${name}" is not declared.`, pointer, node, { attribute: name });
        continue; // attributes of other namespaces are extensions the mapping ignores
      }
      const prop = findProp(type, name);
      if (!prop || !('leaf' in prop) || !prop.attribute) {
        this.mapping(`The attribute "${name}" on <${tag}> is not part of the mapping.`, pointer, node, {
          attribute: name,
        });
        continue;
      }
      const p = `${pointer}/${escapeToken(name)}`;
      this.markAttr(p, node, name);
      obj[name] = this.leaf(this.decode(raw.replace(/[\t\n\r]/g, ' '), p, node), prop.leaf, p, node).value;
    }
    for (const { child, tag: t, ns, local, scope: s } of this.elements(node, tag, pointer, scope)) {
      if (this.isEb(ns)) {
        const prop = findProp(type, local);
        const p = `${pointer}/${escapeToken(local)}`;
        if (!prop || ('leaf' in prop && prop.attribute)) {
          this.mapping(`<${t}> is not a member of <${tag}> in the mapping.`, pointer, child, { element: local });
          continue;
        }
        if (Object.prototype.hasOwnProperty.call(obj, local) && 'leaf' in prop && prop.repeats) {
          // A repeated element is a list of values (EB-SCH-12): the first becomes item 0.
          const prev = obj[local];
          const list = Array.isArray(prev) ? prev : [prev];
          obj[local] = list;
          list.push(this.readMember(child, t, prop, `${p}/${list.length}`, s, obj.kind));
          continue;
        }
        if (Object.prototype.hasOwnProperty.call(obj, local)) {
          this.mapping(`<${t}> appears more than once in <${tag}>; the first is kept.`, pointer, child, {
            element: local,
          });
          continue;
        }
        obj[local] = this.readMember(child, t, prop, p, s, obj.kind);
      } else if (ns === EXT_NS) {
        this.readExtMember(obj, child, t, local, pointer, s);
      } else {
        this.finding(
          'EBK_XML_MAPPING',
          `<${t}> from another namespace is an extension the mapping ignores.`,
          pointer,
          child,
          { element: t, namespace: ns },
          'info',
        );
      }
    }
    return obj;
  }

  private readMember(
    node: XNode,
    tag: string,
    prop: Prop,
    pointer: string,
    scope: ReadonlyMap<string, string>,
    kind: unknown,
  ): unknown {
    if ('leaf' in prop) {
      this.mark(pointer, node);
      this.checkNoAttributes(node, tag, pointer);
      return this.leaf(this.leafText(node, tag, pointer), leafTypeFor(prop, kind), pointer, node).value;
    }
    if ('object' in prop) return this.readObject(node, tag, prop.object, pointer, scope);
    this.mark(pointer, node);
    this.checkNoAttributes(node, tag, pointer);
    if ('map' in prop) {
      const map: Record<string, unknown> = {};
      for (const { child, tag: t, ns, local, scope: s } of this.elements(node, tag, pointer, scope)) {
        if (this.isEb(ns) && local === MAP_ENTRY.element) {
          const key = attrsOf(child)[MAP_ENTRY.keyAttribute];
          this.checkNoAttributes(child, t, pointer, [MAP_ENTRY.keyAttribute]);
          if (key === undefined) {
            this.mapping(`<${t}> needs a "${MAP_ENTRY.keyAttribute}" attribute.`, pointer, child, {
              attribute: MAP_ENTRY.keyAttribute,
            });
            continue;
          }
          const name = this.decode(key.replace(/[\t\n\r]/g, ' '), pointer, child);
          const p = `${pointer}/${escapeToken(name)}`;
          this.mark(p, child);
          this.safeKey(map, name, this.leafText(child, t, p), pointer, child);
        } else if (ns === EXT_NS) {
          this.readExtMember(map, child, t, local, pointer, s);
        } else {
          this.mapping(`<${tag}> holds <${MAP_ENTRY.element}> elements only, not <${t}>.`, pointer, child, {
            element: t,
          });
        }
      }
      return map;
    }
    const list: unknown[] = [];
    const { item, of } = prop.list;
    for (const { child, tag: t, ns, local, scope: s } of this.elements(node, tag, pointer, scope)) {
      const p = `${pointer}/${list.length}`;
      if (this.isEb(ns) && local === item) {
        if (typeof of === 'object' && 'object' in of) list.push(this.readObject(child, t, of.object, p, s));
        else {
          this.mark(p, child);
          this.checkNoAttributes(child, t, p);
          list.push(this.leaf(this.leafText(child, t, p), of, p, child).value);
        }
      } else if (ns === EXT_NS && local === 'item') {
        list.push(this.readExt(child, t, p, s));
      } else {
        this.mapping(`<${tag}> holds <${item}> elements only, not <${t}>.`, pointer, child, {
          element: t,
          expected: item,
        });
      }
    }
    return list;
  }

  private readExtMember(
    obj: Record<string, unknown>,
    node: XNode,
    tag: string,
    local: string,
    pointer: string,
    scope: ReadonlyMap<string, string>,
  ): void {
    const name = attrsOf(node).name;
    if (local !== 'property' || name === undefined) {
      this.mapping(`<${tag}> in the extension namespace must be <property name="…">.`, pointer, node, { element: tag });
      return;
    }
    const key = this.decode(name, pointer, node);
    this.safeKey(obj, key, this.readExt(node, tag, `${pointer}/${escapeToken(key)}`, scope), pointer, node);
  }

  /** Generic typed encoding of extension values (README §extensions). */
  readExt(node: XNode, tag: string, pointer: string, scope: ReadonlyMap<string, string>): unknown {
    this.mark(pointer, node);
    const type = attrsOf(node).type ?? 'string';
    switch (type) {
      case 'null':
        return null;
      case 'object': {
        const obj: Record<string, unknown> = {};
        for (const { child, tag: t, ns, local, scope: s } of this.elements(node, tag, pointer, scope)) {
          if (ns === EXT_NS) this.readExtMember(obj, child, t, local, pointer, s);
          else
            this.mapping(`An extension object holds <ext:property> elements only, not <${t}>.`, pointer, child, {
              element: t,
            });
        }
        return obj;
      }
      case 'array': {
        const list: unknown[] = [];
        for (const { child, tag: t, ns, local, scope: s } of this.elements(node, tag, pointer, scope)) {
          if (ns === EXT_NS && local === 'item') list.push(this.readExt(child, t, `${pointer}/${list.length}`, s));
          else
            this.mapping(`An extension array holds <ext:item> elements only, not <${t}>.`, pointer, child, {
              element: t,
            });
        }
        return list;
      }
      case 'number':
      case 'boolean':
      case 'string': {
        const text = this.leafText(node, tag, pointer);
        if (type === 'string') return text;
        const r = this.leaf(text, type, pointer, node);
        if (!r.ok) this.mapping(`The extension value "${text.slice(0, 40)}" is not ${r.expected}.`, pointer, node);
        return r.value;
      }
      default:
        this.mapping(`Unknown extension value type "${type}".`, pointer, node, { type });
        return this.leafText(node, tag, pointer);
    }
  }

  /** Maps the whole document. */
  readDocument(roots: XNode[]): XmlToObjectResult {
    const elements = roots.filter((n) => {
      const t = tagOf(n);
      return t !== undefined && !t.startsWith('#') && !t.startsWith('?');
    });
    if (elements.length !== 1) {
      this.finding(
        'EBK_SYNTAX',
        elements.length === 0 ? 'The document has no root element.' : 'The document has more than one root element.',
        '',
      );
      return { value: undefined, findings: this.findings };
    }
    const root = elements[0]!;
    const tag = tagOf(root)!;
    const scope = this.scope(root, new Map());
    const { ns, local } = this.resolve(tag, scope);
    const docType = docTypeOfRoot(local);
    const expected = Object.values(ROOTS)
      .map((r) => `<${r.element}>`)
      .join(', ');
    if (!docType && ns?.startsWith(VOSI_NS_PREFIX) === true) {
      this.rootFinding(
        `The root element <${tag}> is a VOSI document (namespace ${ns}), not an ExecutionBroker one: validate does not check VOSI documents; ebkit conformance judges a broker's /availability and /capabilities (EB-VOSI-01, EB-VOSI-02).`,
        root,
        { element: tag, namespace: ns },
      );
      return { value: undefined, findings: this.findings };
    }
    if (!docType) {
      this.rootFinding(`The root element <${tag}> is not one of ${expected}.`, root, { element: tag });
      return { value: undefined, findings: this.findings };
    }
    if (ns !== EB_NS) {
      if (ns === '') {
        this.noNamespaceIsEb = true;
        this.rootFinding(`The root element <${tag}> must be in the namespace ${EB_NS}.`, root, { element: tag });
      } else {
        this.rootFinding(
          `The root element <${tag}> is in the namespace ${ns ?? '(undeclared prefix)'}, not ${EB_NS}.`,
          root,
          { element: tag, namespace: ns },
        );
        return { value: undefined, docType, findings: this.findings };
      }
    }
    // A non-object document is written as a single <ext:value> (see objectToXml).
    const kids = [...this.elements(root, tag, '', scope)];
    if (kids.length === 1 && kids[0]!.ns === EXT_NS && kids[0]!.local === 'value') {
      return {
        value: this.readExt(kids[0]!.child, kids[0]!.tag, '', kids[0]!.scope),
        docType,
        findings: this.findings,
      };
    }
    const value = this.readObject(root, tag, ROOTS[docType].type, '', scope);
    return { value, docType, findings: this.findings };
  }
}

/** Runs the safe parser; the findings say why when it cannot. */
function parseTree(text: string, maxDepth: number, findings: Finding[]): { text: string; tree?: XNode[] } {
  const norm = text.replace(/\r\n?/g, '\n');
  const at = (offset: number) => positionOf(lineStarts(norm), offset);
  if (norm.trim() === '') {
    findings.push({ ruleId: 'EBK_EMPTY', level: 'error', message: 'The XML document is empty.', pointer: '' });
    return { text: norm };
  }
  const pre = prescanXml(norm, maxDepth);
  if (pre.declarationAt !== undefined) {
    findings.push({
      ruleId: 'EBK_DOCTYPE',
      level: 'error',
      message: `XML declarations such as <!${pre.declaration}> are refused (EB-XML-04); nothing was expanded or fetched.`,
      pointer: '',
      ...at(pre.declarationAt),
      params: { declaration: pre.declaration, requirement: 'EB-XML-04' },
    });
    return { text: norm };
  }
  if (pre.tooDeepAt !== undefined) {
    findings.push({
      ruleId: 'EBK_TOO_DEEP',
      level: 'error',
      message: `Elements nest deeper than ${maxDepth} levels.`,
      pointer: '',
      ...at(pre.tooDeepAt),
      params: { maxDepth },
    });
    return { text: norm };
  }
  if (pre.tooManyAttributesAt !== undefined) {
    findings.push({
      ruleId: 'EBK_TOO_MANY_ATTRIBUTES',
      level: 'error',
      message: `An element holds more than ${MAX_ATTRIBUTES} attributes; the document was not read.`,
      pointer: '',
      ...at(pre.tooManyAttributesAt),
      params: { maxAttributes: MAX_ATTRIBUTES },
    });
    return { text: norm };
  }
  if (pre.ltInAttributeAt !== undefined) {
    findings.push({
      ruleId: 'EBK_SYNTAX',
      level: 'error',
      message: 'The XML is not well-formed: a "<" inside an attribute value must be written as &lt;.',
      pointer: '',
      ...at(pre.ltInAttributeAt),
    });
    return { text: norm };
  }
  const unreadable = notXmlText(norm);
  if (unreadable) {
    findings.push({
      ruleId: 'EBK_SYNTAX',
      level: 'error',
      message: `The XML is not well-formed: ${unreadable.why}.`,
      pointer: '',
      ...at(unreadable.offset),
    });
    return { text: norm };
  }
  const check = fxp().XMLValidator.validate(norm, { allowBooleanAttributes: false });
  if (check !== true) {
    findings.push({
      ruleId: 'EBK_SYNTAX',
      level: 'error',
      message: `The XML is not well-formed: ${check.err.msg}`,
      pointer: '',
      line: check.err.line,
      column: check.err.col,
      params: { code: check.err.code },
    });
    return { text: norm };
  }
  try {
    return { text: norm, tree: parser(maxDepth).parse(norm) as XNode[] };
  } catch (e) {
    // The parser refuses a name that would reach Object.prototype ("[SECURITY] Invalid name: "__proto__""): said as
    // JSON and YAML say such a key, at the element or attribute that has it.
    const unsafe = /Invalid name: "([^"]{1,64})"/.exec(errorMessage(e))?.[1];
    const where = unsafe === undefined ? -1 : unsafeNameAt(norm, unsafe);
    findings.push(
      unsafe !== undefined && UNSAFE_KEYS.has(unsafe)
        ? {
            ruleId: 'EBK_UNSAFE_KEY',
            level: 'error',
            message: `The XML name "${unsafe}" is refused: read into an object it would reach Object.prototype.`,
            pointer: '',
            ...(where >= 0 ? at(where) : {}),
            params: { key: unsafe },
          }
        : {
            ruleId: 'EBK_SYNTAX',
            level: 'error',
            message: `The XML could not be parsed: ${errorMessage(e)}`,
            pointer: '',
          },
    );
    return { text: norm };
  }
}

/** Where an element or attribute of this (local or prefixed) name first stands, or -1. */
function unsafeNameAt(text: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<(?:[\\w.-]+:)?${escaped}[\\s/>]|\\s(?:[\\w.-]+:)?${escaped}\\s*=`).exec(text);
  return m ? m.index + (m[0].startsWith('<') ? 1 : m[0].length - m[0].trimStart().length) : -1;
}

/**
 * What makes a text not XML that the parser lets through (libxml2 then fails on it with a crash message and no
 * place): a character XML does not allow, or `]]>` in character data (§2.4; it ends only a CDATA section).
 */
function notXmlText(text: string): { why: string; offset: number } | undefined {
  const bad = NOT_XML_CHAR.exec(text);
  if (bad) {
    const cp = bad[0].codePointAt(0) ?? 0;
    return {
      why: `U+${cp.toString(16).toUpperCase().padStart(4, '0')} is not a character XML 1.0 allows (write it another way, or send JSON or YAML)`,
      offset: bad.index,
    };
  }
  const end = textCdataEnd(text);
  return end === -1 ? undefined : { why: '"]]>" may not appear in text (write it ]]&gt;)', offset: end };
}

/** Where each kind of markup that may hold `]]>` ends: CDATA sections, comments, processing instructions, tags. */
const MARKUP_ENDS: readonly [string, string][] = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
  ['<?', '?>'],
  ['<', '>'],
];

/**
 * The offset of the first `]]>` in character data, or -1: from markup to markup with indexOf only, the next `]]>`
 * looked up again only once passed, so the pass is linear however the text is built (and one lookup when there is
 * none). Markup left open ends the scan; the well-formedness check refuses that text anyway.
 */
function textCdataEnd(text: string): number {
  let bad = text.indexOf(']]>');
  let at = 0;
  while (bad !== -1) {
    const open = text.indexOf('<', at);
    // `]]>` holds no '<', so one that starts before the next markup lies in the text before it.
    if (open === -1 || bad < open) return bad;
    const [start, stop] = MARKUP_ENDS.find(([s]) => text.startsWith(s, open))!;
    const close = text.indexOf(stop, open + start.length);
    if (close === -1) return -1;
    at = close + stop.length;
    if (bad < at) bad = text.indexOf(']]>', at);
  }
  return -1;
}

/**
 * Maps an XML document to the object model. Refuses DOCTYPE and entities,
 * caps nesting, and reports anything outside the mapping as a finding with a
 * JSON Pointer. Never throws.
 */
export function xmlToObject(text: string, opts: XmlToObjectOptions = {}): XmlToObjectResult {
  const findings: Finding[] = [];
  try {
    const parsed = parseTree(text, opts.maxDepth ?? DEFAULT_MAX_DEPTH, findings);
    if (!parsed.tree) return { value: undefined, findings };
    const reader = new Reader(parsed.text);
    const result = reader.readDocument(parsed.tree);
    return { ...result, findings: [...findings, ...result.findings] };
  } catch (e) {
    findings.push({
      ruleId: 'EBK_XML_MAPPING',
      level: 'error',
      message: `The XML could not be mapped: ${errorMessage(e)}`,
      pointer: '',
    });
    return { value: undefined, findings };
  }
}

/**
 * Position index for findings in an XML document: JSON Pointer → 1-based line
 * and column of the element (or attribute) that holds the value. A pointer to
 * a missing member falls back to its nearest present ancestor. Build it only
 * when a finding needs a position.
 */
export function buildXmlLocator(
  text: string,
  opts: XmlToObjectOptions = {},
): (pointer: string) => { line: number; column: number } | undefined {
  let index: { positions: Map<string, number>; starts: number[] } | undefined;
  const build = () => {
    const positions = new Map<string, number>();
    try {
      const parsed = parseTree(text, opts.maxDepth ?? DEFAULT_MAX_DEPTH, []);
      if (parsed.tree) new Reader(parsed.text, positions).readDocument(parsed.tree);
      return { positions, starts: lineStarts(parsed.text) };
    } catch {
      return { positions, starts: [0] };
    }
  };
  return (pointer: string) => {
    index ??= build();
    let p = pointer;
    for (;;) {
      const at = index.positions.get(p);
      if (at !== undefined) return positionOf(index.starts, at);
      if (p === '') return undefined;
      p = p.slice(0, Math.max(0, p.lastIndexOf('/')));
    }
  };
}
