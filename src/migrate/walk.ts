import { isObject } from '../util/guards.js';
import { childPointer } from '../util/pointer.js';
import type { Obj } from './types.js';

export { isObject as isObj };

/** Every mapping in the document, parents before children, with its JSON Pointer. */
export function* mappings(
  value: unknown,
  pointer = '',
  /** Members whose values are not walked into (their content is someone else's). */
  skip: (key: string) => boolean = () => false,
): Generator<{ node: Obj; pointer: string }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* mappings(value[i], childPointer(pointer, i), skip);
    return;
  }
  if (!isObject(value)) return;
  yield { node: value, pointer };
  for (const key of Object.keys(value)) if (!skip(key)) yield* mappings(value[key], childPointer(pointer, key), skip);
}

/**
 * Renames `from` to `to` in `node`, keeping the member's place in the key order
 * (so a migrated YAML file reads like its input).
 */
export function renameMember(node: Obj, from: string, to: string): void {
  const entries = Object.entries(node);
  for (const key of Object.keys(node)) delete node[key];
  for (const [key, value] of entries) node[key === from ? to : key] = value;
}
