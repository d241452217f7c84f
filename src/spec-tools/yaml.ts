import {
  parse as parseYaml,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  type ToJSOptions,
} from 'yaml';
import { LineIndex, yamlGuard } from '../parse/index.js';

/** Deeper than any schema, OpenAPI tree or register (theirs nest about 20), far below what crashes the parser. */
export const SPEC_MAX_DEPTH = 256;
/**
 * Node-starting tokens (see yamlGuard) a specification file may hold: the working group's whole OpenAPI tree has
 * about 20000; the parser's tree costs hundreds of bytes each, so a 10 MB list of millions exhausted the heap.
 */
export const SPEC_MAX_NODES = 1_000_000;

/**
 * `yaml`'s parse of a specification file, refused first when it nests deeper than SPEC_MAX_DEPTH (the recursive
 * parser overflows the stack on deep flow nesting, and a second such parse kills Node 20 with a fatal OOM in its
 * RegExp compiler: `ebkit diff deep.yaml deep.yaml` did) or holds more than SPEC_MAX_NODES nodes. Throws an Error
 * whose message says where and why.
 */
export function parseSpecYaml(
  text: string,
  opts?: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions,
): unknown {
  const guard = yamlGuard(text, SPEC_MAX_DEPTH, SPEC_MAX_NODES);
  if (guard.depthAt >= 0) {
    const { line, column } = new LineIndex(text).position(guard.depthAt);
    throw new Error(
      `it nests deeper than ${SPEC_MAX_DEPTH} levels at line ${line}, column ${column}; it was not parsed`,
    );
  }
  if (guard.valuesAt >= 0) {
    const { line, column } = new LineIndex(text).position(guard.valuesAt);
    throw new Error(
      `it holds more than ${SPEC_MAX_NODES} nodes (passed at line ${line}, column ${column}); it was not parsed`,
    );
  }
  return parseYaml(text, opts);
}
