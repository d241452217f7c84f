import { UNSAFE_KEYS, childPointer } from '../util/index.js';

export interface SafeCopy {
  value: unknown;
  /** Pointers of members removed because their key was unsafe. */
  stripped: string[];
  /** 'nodes' when the expansion passed the node budget (an alias bomb), 'depth' past maxDepth. */
  exceeded?: 'nodes' | 'depth';
  /** Pointer where the limit was hit. */
  at?: string;
}

/**
 * A tree copy of a parsed value: YAML aliases become independent copies, keys
 * that could pollute prototypes are dropped, and the copy gives up past
 * `maxNodes` nodes or `maxDepth` levels, so shared-reference bombs cannot blow
 * up whoever walks the value next.
 */
export function safeCopy(value: unknown, maxNodes: number, maxDepth: number): SafeCopy {
  const out: SafeCopy = { value: undefined, stripped: [] };
  let nodes = 0;
  const copy = (v: unknown, pointer: string, depth: number): unknown => {
    if (out.exceeded) return undefined;
    if (++nodes > maxNodes) {
      out.exceeded = 'nodes';
      out.at = pointer;
      return undefined;
    }
    if (typeof v !== 'object' || v === null) return v;
    if (depth >= maxDepth) {
      out.exceeded = 'depth';
      out.at = pointer;
      return undefined;
    }
    if (Array.isArray(v)) {
      const arr: unknown[] = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) arr[i] = copy(v[i], childPointer(pointer, i), depth + 1);
      return arr;
    }
    if (v instanceof Date) return v.toISOString();
    const obj: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      const child = childPointer(pointer, key);
      if (UNSAFE_KEYS.has(key)) {
        out.stripped.push(child);
        continue;
      }
      obj[key] = copy((v as Record<string, unknown>)[key], child, depth + 1);
    }
    return obj;
  };
  const result = copy(value, '', 0);
  if (!out.exceeded) out.value = result;
  return out;
}
