/** Object → XML, driven by the mapping table (schema/xsd/README.md). */
import type { DocumentType } from '../findings.js';
import { leafToText } from './leaf.js';
import { EB_NS, EXT_NS, MAP_ENTRY, ROOTS, findProp, propsOf, type Prop, type TypeName } from './mapping.js';
import { isObject } from '../util/index.js';
import { NOT_XML_CHAR } from './characters.js';

const INDENT = '  ';

// Characters XML 1.0 cannot carry at all; replaced so the output stays well-formed.
const ILLEGAL = new RegExp(NOT_XML_CHAR.source, 'gu');

/** Escapes text content; CR is written as a reference so the parser's line-end normalisation cannot drop it. */
export function escapeText(s: string): string {
  return s
    .replace(ILLEGAL, '\uFFFD')
    .replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Escapes an attribute value; whitespace is kept by character references (attribute normalisation). */
export function escapeAttr(s: string): string {
  return s
    .replace(ILLEGAL, '\uFFFD')
    .replace(/[&<>"\r\n\t]/g, (c) =>
      c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`,
    );
}

function jsonType(v: unknown): 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

class Writer {
  readonly lines: string[] = [];
  usedExt = false;

  leaf(depth: number, name: string, text: string): void {
    this.lines.push(
      text === ''
        ? `${INDENT.repeat(depth)}<${name}/>`
        : `${INDENT.repeat(depth)}<${name}>${escapeText(text)}</${name}>`,
    );
  }

  /** Generic, typed encoding of a value the table does not describe (extension members). */
  ext(depth: number, element: 'property' | 'item' | 'value', name: string | undefined, value: unknown): void {
    this.usedExt = true;
    const pad = INDENT.repeat(depth);
    const type = jsonType(value);
    const nameAttr = name === undefined ? '' : ` name="${escapeAttr(name)}"`;
    const open = `${pad}<ext:${element}${nameAttr} type="${type}"`;
    if (type === 'object' || type === 'array') {
      const entries =
        type === 'array' ? (value as unknown[]).map((v) => [undefined, v] as const) : Object.entries(value as object);
      if (entries.length === 0) {
        this.lines.push(`${open}/>`);
        return;
      }
      this.lines.push(`${open}>`);
      for (const [k, v] of entries) this.ext(depth + 1, k === undefined ? 'item' : 'property', k, v);
      this.lines.push(`${pad}</ext:${element}>`);
    } else if (type === 'null') {
      this.lines.push(`${open}/>`);
    } else {
      this.lines.push(`${open}>${escapeText(leafToText(value))}</ext:${element}>`);
    }
  }

  /** Writes the child elements of an object of a table type (its attributes go on the start tag). */
  members(depth: number, type: TypeName, obj: Record<string, unknown>): void {
    for (const prop of propsOf(type)) {
      if ('leaf' in prop && prop.attribute) continue;
      if (!Object.prototype.hasOwnProperty.call(obj, prop.name)) continue;
      const value = obj[prop.name];
      if (value === undefined) continue;
      this.member(depth, prop, value);
    }
    for (const [key, value] of Object.entries(obj)) {
      if (value === undefined) continue;
      const prop = findProp(type, key);
      if (!prop) this.ext(depth, 'property', key, value);
      else if ('leaf' in prop && prop.attribute && !isAttributeValue(value)) this.ext(depth, 'property', key, value);
    }
  }

  private member(depth: number, prop: Prop, value: unknown): void {
    const pad = INDENT.repeat(depth);
    if ('leaf' in prop) {
      if (prop.repeats && Array.isArray(value) && value.length > 1 && value.every((v) => typeof v === 'string')) {
        for (const v of value) this.leaf(depth, prop.name, v);
        return;
      }
      if (isObject(value) || Array.isArray(value) || value === null)
        return this.ext(depth, 'property', prop.name, value);
      return this.leaf(depth, prop.name, leafToText(value));
    }
    if ('object' in prop) {
      if (!isObject(value)) return this.ext(depth, 'property', prop.name, value);
      this.element(depth, prop.name, prop.object, value);
      return;
    }
    if ('map' in prop) {
      if (!isObject(value)) return this.ext(depth, 'property', prop.name, value);
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return void this.lines.push(`${pad}<${prop.name}/>`);
      this.lines.push(`${pad}<${prop.name}>`);
      for (const [k, v] of entries) {
        if (isObject(v) || Array.isArray(v) || v === null) this.ext(depth + 1, 'property', k, v);
        else {
          const text = leafToText(v);
          const start = `${INDENT.repeat(depth + 1)}<${MAP_ENTRY.element} ${MAP_ENTRY.keyAttribute}="${escapeAttr(k)}"`;
          this.lines.push(text === '' ? `${start}/>` : `${start}>${escapeText(text)}</${MAP_ENTRY.element}>`);
        }
      }
      return void this.lines.push(`${pad}</${prop.name}>`);
    }
    // list
    if (!Array.isArray(value)) return this.ext(depth, 'property', prop.name, value);
    if (value.length === 0) return void this.lines.push(`${pad}<${prop.name}/>`);
    this.lines.push(`${pad}<${prop.name}>`);
    const { item, of } = prop.list;
    for (const v of value) {
      if (typeof of === 'object' && 'object' in of) {
        if (isObject(v)) this.element(depth + 1, item, of.object, v);
        else this.ext(depth + 1, 'item', undefined, v);
      } else if (isObject(v) || Array.isArray(v) || v === null || v === undefined) {
        this.ext(depth + 1, 'item', undefined, v);
      } else {
        this.leaf(depth + 1, item, leafToText(v));
      }
    }
    this.lines.push(`${pad}</${prop.name}>`);
  }

  /** Writes `<name attrs>members</name>` for an object of a table type. */
  element(depth: number, name: string, type: TypeName, obj: Record<string, unknown>, rootAttrs = ''): number {
    const pad = INDENT.repeat(depth);
    let attrs = rootAttrs;
    for (const prop of propsOf(type)) {
      if (!('leaf' in prop) || !prop.attribute) continue;
      const v = obj[prop.name];
      if (v !== undefined && isAttributeValue(v)) attrs += ` ${prop.name}="${escapeAttr(leafToText(v))}"`;
    }
    const at = this.lines.length;
    this.lines.push(`${pad}<${name}${attrs}>`);
    const before = this.lines.length;
    this.members(depth + 1, type, obj);
    if (this.lines.length === before) this.lines[at] = `${pad}<${name}${attrs}/>`;
    else this.lines.push(`${pad}</${name}>`);
    return at;
  }
}

function isAttributeValue(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * Serializes a document of the given type to XML in the ExecutionBroker
 * namespace. Members the table does not know are kept in the extension
 * namespace, so JSON → XML → JSON is lossless (EB-XML-02).
 */
export function objectToXml(value: unknown, docType: DocumentType): string {
  const root = ROOTS[docType];
  const w = new Writer();
  let at: number;
  if (isObject(value)) {
    at = w.element(0, root.element, root.type, value, ` xmlns="${EB_NS}"`);
  } else {
    // Not an object: keep it, typed, so the reader gives it back unchanged.
    at = 0;
    w.lines.push(`<${root.element} xmlns="${EB_NS}">`);
    w.ext(1, 'value', undefined, value);
    w.lines.push(`</${root.element}>`);
  }
  if (w.usedExt) {
    const first = w.lines[at]!;
    w.lines[at] = first.replace(` xmlns="${EB_NS}"`, ` xmlns="${EB_NS}" xmlns:ext="${EXT_NS}"`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${w.lines.join('\n')}\n`;
}
