import { XMLParser } from 'fast-xml-parser';
import { type Loc, SchemaTree, deref, label } from './json-tree.js';
import { escapeToken, isObject, type JsonRecord } from '../util/index.js';

/**
 * A schema-language-neutral view of a type: member names with their required flag, list items,
 * enumerations and patterns. JSON Schema (with allOf / if-then / oneOf / discriminator families)
 * and XSD (with extension, wrapped lists and attributes) are both read into it, so one comparison
 * serves JSON↔XSD and JSON↔OpenAPI.
 */
export interface Member {
  required: boolean;
  /** True when the member is an XML attribute (XSD only). */
  attribute?: boolean;
  shape(): Shape;
}

export interface Shape {
  /** Stable identity for cycle detection and messages. */
  id: string;
  props?: Map<string, Member>;
  item?: () => Shape;
  map?: boolean;
  enum?: string[];
  patterns?: string[];
  /** JSON Schema `format` (an XSD may spell it as a pattern). */
  format?: string;
  /** JSON Schema `type` names and `const` values (for diff). */
  types?: string[];
  consts?: string[];
  /** JSON Schema numeric, length and count bounds (for diff). */
  bounds?: Bounds;
  /** Nothing to compare (xs:any, unions, unresolvable). */
  opaque?: boolean;
}

/** Keywords a value must be at least (or above) to pass. */
export const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
/** Keywords a value must be at most (or below) to pass. */
export const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;
export type BoundKeyword = (typeof LOWER_BOUNDS)[number] | (typeof UPPER_BOUNDS)[number] | 'multipleOf';
export type Bounds = Partial<Record<BoundKeyword, number>>;

const isLower = (k: BoundKeyword): boolean => (LOWER_BOUNDS as readonly string[]).includes(k);

/** The bound a value meets when it must meet both (allOf, a $ref with siblings): the tighter one. */
function tighter(k: BoundKeyword, a: number | undefined, b: number): number {
  if (a === undefined) return b;
  if (k === 'multipleOf') return a === b ? a : a * b;
  return isLower(k) ? Math.max(a, b) : Math.min(a, b);
}

/** The bound of a family whose every member has one: the looser one (a value passes if any member lets it). */
function looser(k: BoundKeyword, a: number, b: number): number {
  if (k === 'multipleOf') return a === b ? a : Math.min(a, b);
  return isLower(k) ? Math.min(a, b) : Math.max(a, b);
}

// ---------------------------------------------------------------------------------------------
// JSON Schema (and OpenAPI 3.1 schema objects, which are JSON Schema)

interface Acc {
  props: Map<string, Loc[]>;
  required: Set<string>;
  enum?: Set<string>;
  patterns: Set<string>;
  format?: string;
  types: Set<string>;
  consts: Set<string>;
  items: Loc[];
  map: boolean;
  unresolved: string[];
  bounds: Bounds;
}

function newAcc(): Acc {
  return {
    props: new Map(),
    required: new Set(),
    patterns: new Set(),
    types: new Set(),
    consts: new Set(),
    items: [],
    map: false,
    unresolved: [],
    bounds: {},
  };
}

function child(loc: Loc, node: unknown, ...path: (string | number)[]): Loc {
  return { node, file: loc.file, pointer: `${loc.pointer}/${path.map((p) => escapeToken(p)).join('/')}` };
}

function visitJson(tree: SchemaTree, loc: Loc, acc: Acc, seen: Set<string>): void {
  const key = `${loc.file}#${loc.pointer}`;
  if (seen.has(key)) return;
  seen.add(key);
  const n = loc.node;
  if (!isObject(n)) return;
  if (typeof n['$ref'] === 'string') {
    const target = tree.resolveRef(n['$ref'], loc.file);
    if (target) visitJson(tree, target, acc, seen);
    else acc.unresolved.push(n['$ref']);
  }
  if (Array.isArray(n['enum'])) {
    acc.enum ??= new Set();
    for (const v of n['enum']) acc.enum.add(String(v));
  }
  if (typeof n['pattern'] === 'string') acc.patterns.add(n['pattern']);
  for (const k of [...LOWER_BOUNDS, ...UPPER_BOUNDS, 'multipleOf'] as const) {
    const v = n[k];
    if (typeof v === 'number' && Number.isFinite(v)) acc.bounds[k] = tighter(k, acc.bounds[k], v);
  }
  if (typeof n['format'] === 'string') acc.format = n['format'];
  if (typeof n['type'] === 'string') acc.types.add(n['type']);
  if (Array.isArray(n['type'])) for (const t of n['type']) acc.types.add(String(t));
  if (
    'const' in n &&
    (typeof n['const'] === 'string' || typeof n['const'] === 'number' || typeof n['const'] === 'boolean')
  )
    acc.consts.add(String(n['const']));
  if (isObject(n['items'])) acc.items.push(child(loc, n['items'], 'items'));
  const props = isObject(n['properties']) ? n['properties'] : undefined;
  if (!props && (isObject(n['additionalProperties']) || n['additionalProperties'] === true) && n['type'] === 'object')
    acc.map = true;
  if (props) {
    for (const [name, sub] of Object.entries(props)) {
      const list = acc.props.get(name) ?? [];
      list.push(child(loc, sub, 'properties', name));
      acc.props.set(name, list);
    }
  }
  if (Array.isArray(n['required'])) for (const r of n['required']) if (typeof r === 'string') acc.required.add(r);
  const branches: Loc[] = [];
  if (Array.isArray(n['allOf'])) {
    n['allOf'].forEach((sub, i) => {
      const subLoc = child(loc, sub, 'allOf', i);
      // if/then chains select a family member by kind: their targets are alternatives.
      if (isObject(sub) && 'if' in sub) {
        if (sub['then'] !== undefined) branches.push(child(subLoc, sub['then'], 'then'));
        if (sub['else'] !== undefined) branches.push(child(subLoc, sub['else'], 'else'));
      } else visitJson(tree, subLoc, acc, seen);
    });
  }
  for (const k of ['oneOf', 'anyOf'] as const) {
    const alts = n[k];
    if (Array.isArray(alts)) alts.forEach((sub, i) => branches.push(child(loc, sub, k, i)));
  }
  const disc = isObject(n['discriminator']) ? n['discriminator'] : undefined;
  if (disc && isObject(disc['mapping']) && !Array.isArray(n['oneOf']) && !Array.isArray(n['anyOf'])) {
    for (const [k, ref] of Object.entries(disc['mapping'])) {
      if (typeof ref === 'string') branches.push(child(loc, { $ref: ref }, 'discriminator', 'mapping', k));
    }
  }
  if (isObject(n['if']) && n['then'] !== undefined) branches.push(child(loc, n['then'], 'then'));
  if (branches.length > 0) mergeBranches(tree, branches, acc, seen);
}

/** A family: members are the union of the alternatives, required only where every one requires it. */
function mergeBranches(tree: SchemaTree, branches: Loc[], acc: Acc, seen: Set<string>): void {
  const accs = branches.map((b) => {
    const a = newAcc();
    visitJson(tree, b, a, new Set(seen));
    return a;
  });
  const nonEmpty = accs.filter((a) => a.props.size > 0 || a.items.length > 0 || a.enum || a.patterns.size > 0);
  for (const a of nonEmpty) {
    for (const [name, locs] of a.props) acc.props.set(name, [...(acc.props.get(name) ?? []), ...locs]);
    acc.items.push(...a.items);
    for (const p of a.patterns) acc.patterns.add(p);
    if (a.enum) {
      acc.enum ??= new Set();
      for (const v of a.enum) acc.enum.add(v);
    }
    acc.map ||= a.map;
    acc.format ??= a.format;
    for (const t of a.types) acc.types.add(t);
    for (const c of a.consts) acc.consts.add(c);
    acc.unresolved.push(...a.unresolved);
  }
  if (nonEmpty.length > 0) {
    const first = nonEmpty[0] as Acc;
    for (const r of first.required) if (nonEmpty.every((a) => a.required.has(r))) acc.required.add(r);
  }
  // A bound holds for the family only where every alternative has one.
  const bounded = accs.filter((a) => Object.keys(a.bounds).length > 0);
  if (bounded.length === accs.length && accs.length > 0) {
    for (const k of Object.keys(accs[0]!.bounds) as BoundKeyword[]) {
      const values = accs.map((a) => a.bounds[k]);
      if (values.every((v): v is number => v !== undefined))
        acc.bounds[k] = tighter(
          k,
          acc.bounds[k],
          values.reduce((x, y) => looser(k, x, y)),
        );
    }
  }
}

const jsonCache = new WeakMap<SchemaTree, Map<string, Shape>>();

/** The shape of a JSON Schema node (or several nodes read together, e.g. allOf parts). */
export function jsonShape(tree: SchemaTree, locs: Loc[]): Shape {
  const id = locs.map((l) => `json:${l.file}#${l.pointer}`).join('+');
  let cache = jsonCache.get(tree);
  if (!cache) jsonCache.set(tree, (cache = new Map<string, Shape>()));
  const hit = cache.get(id);
  if (hit) return hit;
  const acc = newAcc();
  const seen = new Set<string>();
  for (const l of locs) visitJson(tree, l, acc, seen);
  const shape: Shape = { id: locs.length === 1 ? label(locs[0] as Loc) : id };
  if (acc.props.size > 0) {
    shape.props = new Map();
    for (const [name, plocs] of acc.props) {
      shape.props.set(name, {
        required: acc.required.has(name),
        shape: () =>
          jsonShape(
            tree,
            plocs.map((l) => deref(tree, l) ?? l),
          ),
      });
    }
  }
  if (acc.items.length > 0)
    shape.item = () =>
      jsonShape(
        tree,
        acc.items.map((l) => deref(tree, l) ?? l),
      );
  if (acc.map) shape.map = true;
  if (acc.enum) shape.enum = [...acc.enum];
  if (acc.patterns.size > 0) shape.patterns = [...acc.patterns];
  if (acc.format) shape.format = acc.format;
  if (acc.types.size > 0) shape.types = [...acc.types].sort();
  if (acc.consts.size > 0) shape.consts = [...acc.consts].sort();
  if (Object.keys(acc.bounds).length > 0) shape.bounds = acc.bounds;
  cache.set(id, shape);
  return shape;
}

// ---------------------------------------------------------------------------------------------
// XSD

type X = JsonRecord;

export interface XsdIndex {
  complexTypes: Map<string, X>;
  simpleTypes: Map<string, X>;
  elements: Map<string, X>;
  groups: Map<string, X>;
  attributeGroups: Map<string, X>;
  attributes: Map<string, X>;
}

function arr(v: unknown): X[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : [];
}

function attr(node: X, name: string): string | undefined {
  const v = node[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

function local(qname: string): string {
  const i = qname.indexOf(':');
  return i >= 0 ? qname.slice(i + 1) : qname;
}

/** Parses XSD text into an index of its named components; throws only on malformed XML. */
export function indexXsd(text: string): XsdIndex {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
    processEntities: false,
  });
  const doc = parser.parse(text) as X;
  const schema = arr(doc['schema'])[0];
  if (!schema) throw new Error('no xs:schema root element');
  const named = (k: string): Map<string, X> => {
    const m = new Map<string, X>();
    for (const n of arr(schema[k])) {
      const name = attr(n, 'name');
      if (name) m.set(name, n);
    }
    return m;
  };
  return {
    complexTypes: named('complexType'),
    simpleTypes: named('simpleType'),
    elements: named('element'),
    groups: named('group'),
    attributeGroups: named('attributeGroup'),
    attributes: named('attribute'),
  };
}

interface XAcc {
  members: Map<string, { required: boolean; attribute: boolean; node: X }>;
  enum?: Set<string>;
  patterns: Set<string>;
  opaque: boolean;
}

function visitSimple(ix: XsdIndex, st: X, acc: XAcc, depth: number): void {
  if (depth > 32) return;
  for (const r of arr(st['restriction'])) {
    for (const e of arr(r['enumeration'])) {
      const v = attr(e, 'value');
      if (v !== undefined) (acc.enum ??= new Set()).add(v);
    }
    for (const p of arr(r['pattern'])) {
      const v = attr(p, 'value');
      if (v !== undefined) acc.patterns.add(v);
    }
    const base = attr(r, 'base');
    const baseType = base ? ix.simpleTypes.get(local(base)) : undefined;
    if (baseType && !acc.enum && acc.patterns.size === 0) visitSimple(ix, baseType, acc, depth + 1);
    for (const inner of arr(r['simpleType'])) visitSimple(ix, inner, acc, depth + 1);
  }
  if (arr(st['union']).length > 0 || arr(st['list']).length > 0) acc.opaque = true;
}

function visitParticle(ix: XsdIndex, node: X, acc: XAcc, optional: boolean, depth: number): void {
  if (depth > 64) return;
  const minZero = attr(node, 'minOccurs') === '0';
  for (const el of arr(node['element'])) {
    const ref = attr(el, 'ref');
    const target = ref ? ix.elements.get(local(ref)) : el;
    const name = ref ? local(ref) : attr(el, 'name');
    if (!name || !target) continue;
    // minOccurs/maxOccurs live on the referencing element.
    const merged: X = { ...target, '@_minOccurs': attr(el, 'minOccurs'), '@_maxOccurs': attr(el, 'maxOccurs') };
    acc.members.set(name, {
      required: !optional && !minZero && attr(el, 'minOccurs') !== '0',
      attribute: false,
      node: merged,
    });
  }
  for (const seq of arr(node['sequence'])) visitParticle(ix, seq, acc, optional || minZero, depth + 1);
  for (const all of arr(node['all'])) visitParticle(ix, all, acc, optional || minZero, depth + 1);
  for (const ch of arr(node['choice'])) visitParticle(ix, ch, acc, true, depth + 1);
  for (const g of arr(node['group'])) {
    const ref = attr(g, 'ref');
    const grp = ref ? ix.groups.get(local(ref)) : undefined;
    if (grp) visitParticle(ix, grp, acc, optional || attr(g, 'minOccurs') === '0', depth + 1);
  }
}

function visitAttributes(ix: XsdIndex, node: X, acc: XAcc, depth: number): void {
  if (depth > 32) return;
  for (const a of arr(node['attribute'])) {
    const ref = attr(a, 'ref');
    const target = ref ? (ix.attributes.get(local(ref)) ?? a) : a;
    const name = ref ? local(ref) : attr(a, 'name');
    if (!name) continue;
    acc.members.set(name, { required: attr(a, 'use') === 'required', attribute: true, node: target });
  }
  for (const g of arr(node['attributeGroup'])) {
    const ref = attr(g, 'ref');
    const grp = ref ? ix.attributeGroups.get(local(ref)) : undefined;
    if (grp) visitAttributes(ix, grp, acc, depth + 1);
  }
}

function visitComplex(ix: XsdIndex, ct: X, acc: XAcc, depth: number): void {
  if (depth > 32) return;
  visitParticle(ix, ct, acc, false, depth);
  visitAttributes(ix, ct, acc, depth);
  for (const cc of [...arr(ct['complexContent']), ...arr(ct['simpleContent'])]) {
    for (const ext of [...arr(cc['extension']), ...arr(cc['restriction'])]) {
      const base = attr(ext, 'base');
      const baseCt = base ? ix.complexTypes.get(local(base)) : undefined;
      if (baseCt) visitComplex(ix, baseCt, acc, depth + 1);
      else if (base) {
        const st = ix.simpleTypes.get(local(base));
        if (st) visitSimple(ix, st, acc, depth + 1);
      }
      visitParticle(ix, ext, acc, false, depth + 1);
      visitAttributes(ix, ext, acc, depth + 1);
    }
  }
}

const xsdCache = new WeakMap<XsdIndex, Map<string, Shape>>();

/** Shape of a named XSD type (complex or simple); built-in types are plain leaves. */
export function xsdTypeShape(ix: XsdIndex, typeName: string): Shape {
  const name = local(typeName);
  const ct = ix.complexTypes.get(name);
  if (ct) return xsdComplexShape(ix, ct, `xsd:${name}`);
  const st = ix.simpleTypes.get(name);
  if (st) return xsdSimpleShape(ix, st, `xsd:${name}`);
  return { id: `xsd:builtin:${name}` };
}

function xsdSimpleShape(ix: XsdIndex, st: X, id: string): Shape {
  const acc: XAcc = { members: new Map(), patterns: new Set(), opaque: false };
  visitSimple(ix, st, acc, 0);
  const shape: Shape = { id };
  if (acc.enum) shape.enum = [...acc.enum];
  if (acc.patterns.size > 0) shape.patterns = [...acc.patterns];
  if (acc.opaque && !acc.enum && acc.patterns.size === 0) shape.opaque = true;
  return shape;
}

function xsdComplexShape(ix: XsdIndex, ct: X, id: string): Shape {
  let cache = xsdCache.get(ix);
  if (!cache) xsdCache.set(ix, (cache = new Map<string, Shape>()));
  const hit = cache.get(id);
  if (hit) return hit;
  const acc: XAcc = { members: new Map(), patterns: new Set(), opaque: false };
  const shape: Shape = { id };
  cache.set(id, shape);
  visitComplex(ix, ct, acc, 0);
  if (acc.members.size > 0) {
    shape.props = new Map();
    for (const [name, m] of acc.members) {
      const mid = `${id}/${name}`;
      shape.props.set(name, {
        required: m.required,
        attribute: m.attribute,
        shape: () => xsdMemberShape(ix, m.node, mid),
      });
    }
  }
  if (acc.enum) shape.enum = [...acc.enum];
  if (acc.patterns.size > 0) shape.patterns = [...acc.patterns];
  return shape;
}

/** Shape of an element or attribute declaration: its type, or a list of it when it repeats. */
export function xsdMemberShape(ix: XsdIndex, node: X, id: string): Shape {
  const single = (): Shape => {
    const type = attr(node, 'type');
    if (type) return xsdTypeShape(ix, type);
    const ct = arr(node['complexType'])[0];
    if (ct) return xsdComplexShape(ix, ct, `${id}#inline`);
    const st = arr(node['simpleType'])[0];
    if (st) return xsdSimpleShape(ix, st, `${id}#inline`);
    return { id: `${id}#anyType` };
  };
  const max = attr(node, 'maxOccurs');
  if (max === 'unbounded' || (max !== undefined && Number(max) > 1)) return { id: `${id}[]`, item: single };
  return single();
}

/** Shape of a top-level element (a document root). */
export function xsdElementShape(ix: XsdIndex, elementName: string): Shape | undefined {
  const el = ix.elements.get(elementName);
  return el ? xsdMemberShape(ix, el, `xsd:element:${elementName}`) : undefined;
}
