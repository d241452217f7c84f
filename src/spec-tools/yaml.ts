import {
  parse as parseYaml,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  type ToJSOptions,
} from 'yaml';
import { LineIndex, yamlDepthExceeded } from '../parse/index.js';

/** Deeper than any schema, OpenAPI tree or register (theirs nest about 20), far below what crashes the parser. */
export const SPEC_MAX_DEPTH = 256;

/**
 * `yaml`'s parse of a specification file, refused first when it nests deeper than SPEC_MAX_DEPTH: the recursive
 * parser overflows the stack on deep flow nesting, and a second such parse kills Node 20 with a fatal OOM in its
 * RegExp compiler (`ebkit diff deep.yaml deep.yaml` did). Throws an Error whose message says where and why.
 */
export function parseSpecYaml(
  text: string,
  opts?: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions,
): unknown {
  const at = yamlDepthExceeded(text, SPEC_MAX_DEPTH);
  if (at >= 0) {
    const { line, column } = new LineIndex(text).position(at);
    throw new Error(
      `it nests deeper than ${SPEC_MAX_DEPTH} levels at line ${line}, column ${column}; it was not parsed`,
    );
  }
  return parseYaml(text, opts);
}
