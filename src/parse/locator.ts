import type { Document } from 'yaml';
import { buildXmlLocator } from '../xml/index.js';
import { scanJson, type JsonScan } from './json-scan.js';
import type { LineIndex } from './lines.js';
import { parentPointer } from '../util/index.js';
import type { Format, Position } from './types.js';
import { yamlDepthExceeded } from './yaml-guard.js';
import { walkYaml, type YamlWalk } from './yaml-tree.js';
import { loneCrAsLf, yamlOptions } from './yaml.js';
import { yamlLib } from './yaml-lib.js';

/** Index already built by a slow parse path, so it is not built twice. */
export interface Prebuilt {
  json?: JsonScan;
  yaml?: YamlWalk;
}

/** Beyond this the `yaml` parser is not trusted with the text (see yaml-guard.ts). */
const LOCATOR_DEPTH_GUARD = 256;

/**
 * The one place that turns JSON pointers into source positions. Nothing is
 * built until the first call, so valid documents never pay for it. A pointer
 * that does not exist (a missing member) resolves to its nearest ancestor.
 */
export function createLocator(
  format: Format | undefined,
  text: string,
  lines: LineIndex,
  prebuilt: Prebuilt,
  maxDepth: number,
): (pointer: string) => Position | undefined {
  let find: ((pointer: string) => Position | undefined) | undefined;
  return (pointer: string) => {
    try {
      find ??= build(format, text, lines, prebuilt, maxDepth);
      for (let p: string | undefined = pointer; p !== undefined; p = parentPointer(p)) {
        const hit = find(p);
        if (hit) return hit;
      }
    } catch {
      // a locator failure only costs the position, never the report
    }
    return undefined;
  };
}

function build(
  format: Format | undefined,
  text: string,
  lines: LineIndex,
  prebuilt: Prebuilt,
  maxDepth: number,
): (pointer: string) => Position | undefined {
  if (format === 'json') return offsetsLookup((prebuilt.json ?? scanJson(text)).offsets, lines);
  if (format === 'yaml') return offsetsLookup((prebuilt.yaml ?? yamlIndex(text)).offsets, lines);
  if (format === 'xml') return buildXmlLocator(text, { maxDepth });
  return () => undefined;
}

function offsetsLookup(offsets: Map<string, number>, lines: LineIndex): (pointer: string) => Position | undefined {
  return (pointer) => {
    const offset = offsets.get(pointer);
    return offset === undefined ? undefined : lines.position(offset);
  };
}

function yamlIndex(source: string): YamlWalk {
  const text = loneCrAsLf(source);
  if (yamlDepthExceeded(text, LOCATOR_DEPTH_GUARD) >= 0) return { offsets: new Map(), findings: [] };
  const { LineCounter, parseAllDocuments } = yamlLib();
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, yamlOptions(lc));
  const doc = Array.isArray(docs) ? (docs[0] as Document | undefined) : undefined;
  return doc ? walkYaml(doc, lc, Infinity, false) : { offsets: new Map(), findings: [] };
}
