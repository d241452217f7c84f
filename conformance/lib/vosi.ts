import { XMLParser } from 'fast-xml-parser';

export const NS = {
  availability: 'http://www.ivoa.net/xml/VOSIAvailability/v1.0',
  capabilities: 'http://www.ivoa.net/xml/VOSICapabilities/v1.0',
};

export interface XmlRoot {
  /** Local name of the root element. */
  local: string;
  namespace: string | undefined;
  /** Children of the root, prefixes removed. */
  body: Record<string, unknown>;
}

/** Reads a VOSI document's root: its local name, namespace and content; undefined when not well-formed XML. */
export function readXmlRoot(text: string): XmlRoot | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
  let tree: Record<string, unknown>;
  try {
    const raw = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: false, parseTagValue: false }).parse(text, true) as Record<string, unknown>;
    tree = raw;
  } catch {
    return undefined;
  }
  const rootName = Object.keys(tree).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (!rootName) return undefined;
  const root = tree[rootName];
  const attrs = (typeof root === 'object' && root !== null ? root : {}) as Record<string, unknown>;
  const [prefix, local] = rootName.includes(':') ? (rootName.split(':', 2) as [string, string]) : [undefined, rootName];
  const nsAttr = prefix ? attrs[`@_xmlns:${prefix}`] : attrs['@_xmlns'];
  const body = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: false, parseTagValue: false, removeNSPrefix: true, isArray: (name) => ['capability', 'interface', 'accessURL', 'note'].includes(name) }).parse(text) as Record<string, unknown>;
  const content = body[local];
  return { local, namespace: typeof nsAttr === 'string' ? nsAttr : undefined, body: (typeof content === 'object' && content !== null ? content : {}) as Record<string, unknown> };
}

export function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'object' && node !== null && '#text' in node) return String((node as Record<string, unknown>)['#text']).trim();
  return undefined;
}
