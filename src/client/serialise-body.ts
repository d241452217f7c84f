/**
 * A request body written out, or why it cannot be: a library caller may hand the client any value, and a cycle
 * or a very deep nesting makes every serialiser throw (a TypeError, or a RangeError once the stack runs out).
 * The client reports that as a failure, as it does every other, instead of throwing.
 */
import type { DocumentType } from '../findings.js';
import type { Format } from '../parse/index.js';
import { serialize } from '../serialize/index.js';
import { childPointer, errorMessage } from '../util/index.js';

/** Every failure's message starts so, whatever the serialiser said. */
export const UNSERIALISABLE = 'the request could not be serialised';

export type SerialisedBody = { ok: true; body: string } | { ok: false; message: string };

/** `value` serialised as `format`, or the reason it cannot be. */
export function serialiseBody(value: unknown, format: Format, docType: DocumentType): SerialisedBody {
  try {
    return { ok: true, body: serialize(value, format, docType) };
  } catch (err) {
    return { ok: false, message: `${UNSERIALISABLE}: ${whyUnserialisable(value, err)}` };
  }
}

/** Deeper than this, a failure is put down to the nesting (JSON.stringify gives out near 10 000 levels). */
const DEEP = 1000;

/**
 * The cause in words: a cycle (named by its pointer), a nesting too deep, or the serialiser's own message (a
 * BigInt, a throwing getter). Walked without recursion, and only once serialising has failed.
 */
function whyUnserialisable(value: unknown, err: unknown): string {
  // A depth-first walk: an object on the current path met again closes a cycle; one whose walk has ended cannot.
  const onPath = new Set<object>();
  const finished = new Set<object>();
  // Each entry is a value to enter, or (with `leave`) the end of the walk under an object entered before.
  const stack: { value: unknown; pointer: string; depth: number; leave?: object }[] = [
    { value, pointer: '', depth: 0 },
  ];
  let deepest = 0;
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.leave !== undefined) {
      onPath.delete(top.leave);
      finished.add(top.leave);
      continue;
    }
    const v = top.value;
    if (typeof v !== 'object' || v === null || finished.has(v)) continue;
    if (onPath.has(v))
      return `it contains a cycle (${shortPointer(top.pointer)} points back to an object that holds it)`;
    deepest = Math.max(deepest, top.depth);
    onPath.add(v);
    stack.push({ value: undefined, pointer: top.pointer, depth: top.depth, leave: v });
    let entries: [string, unknown][];
    try {
      entries = Object.entries(v);
    } catch {
      continue; // a Proxy that refuses to be listed: the serialiser's message says more
    }
    for (const [key, child] of entries)
      stack.push({ value: child, pointer: childPointer(top.pointer, key), depth: top.depth + 1 });
  }
  if (deepest >= DEEP) return `it nests ${deepest} levels deep, more than can be written (${errorMessage(err)})`;
  return errorMessage(err);
}

/** A pointer as a message may quote it: its last 200 characters. */
function shortPointer(pointer: string): string {
  return pointer.length <= 200 ? pointer || '/' : `…${pointer.slice(-200)}`;
}
