import type { DocumentType, Finding } from '../findings.js';

export type Format = 'json' | 'yaml' | 'xml';

export interface ParseOptions {
  format?: Format;
  mediaType?: string;
  filename?: string;
  /** Input larger than this (in bytes) is refused before any parsing. Default 10 MiB. */
  maxBytes?: number;
  /** Deepest allowed nesting of objects/arrays (elements in XML). Default 64. */
  maxDepth?: number;
  /** Most values (mappings, lists and scalars; elements in XML) a document may hold. Default 100000. */
  maxValues?: number;
}

export interface Position {
  line: number;
  column: number;
}

export interface ParsedDocument {
  /** undefined when it could not be determined. */
  format: Format | undefined;
  /** undefined when unparseable. */
  value: unknown;
  /** Decoded source, BOM stripped. */
  text: string;
  /** Parse problems (EBK_* ruleIds); never thrown. */
  findings: Finding[];
  /** Only XML tells the document type (by its root element). */
  docType?: DocumentType;
  /** 1-based position of the value at `pointer` (the nearest existing ancestor for a missing member). */
  locate(pointer: string): Position | undefined;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_VALUES = 100_000;

/** Keys that could reach Object.prototype through naive merging; parse strips them (EBK_UNSAFE_KEY). */
export { UNSAFE_KEYS } from '../util/index.js';
