import { XMLParser } from 'fast-xml-parser';
import type { CheckContext } from './context.js';

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
    const raw = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      processEntities: false,
      parseTagValue: false,
    }).parse(text, true) as Record<string, unknown>;
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
  const body = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: false,
    parseTagValue: false,
    removeNSPrefix: true,
    isArray: (name) => ['capability', 'interface', 'accessURL', 'note'].includes(name),
  }).parse(text) as Record<string, unknown>;
  const content = body[local];
  return {
    local,
    namespace: typeof nsAttr === 'string' ? nsAttr : undefined,
    body: (typeof content === 'object' && content !== null ? content : {}) as Record<string, unknown>,
  };
}

export function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'object' && node !== null && '#text' in node)
    return String((node as Record<string, unknown>)['#text']).trim();
  return undefined;
}

/**
 * GETs a VOSI endpoint as an anonymous caller and requires a 200 answer in an XML
 * media type whose root element is `local` in the VOSI namespace of that name.
 */
export async function fetchVosiRoot(ctx: CheckContext, local: keyof typeof NS): Promise<XmlRoot> {
  const path = `/${local}`;
  // No credentials, whatever the run was given: the VOSI endpoints must answer anonymous callers (EB-VOSI-03).
  const ex = await ctx.send({ method: 'GET', url: ctx.url(path), headers: {}, parse: false }, undefined, {
    anonymous: true,
  });
  const doc = local === 'availability' ? 'EB-VOSI-01' : 'EB-VOSI-02';
  if (ex.status === 401 || ex.status === 403)
    ctx.fail(
      `GET ${path} sent without credentials answered ${ex.status}, expected 200: the VOSI endpoints answer anonymous callers`,
      'EB-VOSI-03',
    );
  ctx.ensure(ex.status === 200, `GET ${path} answered ${ex.status}, expected 200`, doc);
  ctx.ensure(
    /xml/i.test(ex.headers['content-type'] ?? ''),
    `Content-Type is ${ex.headers['content-type'] ?? 'missing'}, expected an XML media type`,
    'EB-VOSI-07',
  );
  const root = readXmlRoot(ex.text);
  ctx.ensure(root, 'the body is not well-formed XML', doc);
  ctx.ensure(
    root.local === local && root.namespace === NS[local],
    `root element is {${root.namespace ?? ''}}${root.local}, expected {${NS[local]}}${local}`,
    doc,
  );
  return root;
}
