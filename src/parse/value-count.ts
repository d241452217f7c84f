/**
 * Bounds on how many values a document may hold. A document far below the byte limit can hold millions of values
 * (`[a,a,a,…]`, `- 1` lines, `<a/>` elements); positions, rules and the XSD then cost hundreds of bytes of memory
 * per input byte, and a 10 MB YAML list exhausted the heap. A real ExecutionBroker document holds a few hundred.
 */

/** True when `value` holds more than `limit` values (mappings, lists and scalars, the root included). */
export function valuesExceed(value: unknown, limit: number): boolean {
  let counted = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    counted++;
    if (typeof v === 'object' && v !== null) {
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push(v[i]);
      else for (const k in v) stack.push((v as Record<string, unknown>)[k]);
    }
    // Every value still on the stack will be counted: stop as soon as the total must pass the limit.
    if (counted + stack.length > limit) return true;
  }
  return false;
}

/** The offset of the element start tag past `limit` in an XML text, or -1 (counted before parsing: `<` and a name). */
export function xmlElementsExceed(text: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const next = text.charCodeAt(at + 1);
    // A name starts with a letter, '_' or ':' (or a non-ASCII character); '</', '<!' and '<?' open no element.
    const nameStart =
      (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95 || next === 58 || next > 127;
    if (nameStart && ++count > limit) return at;
  }
  return -1;
}
