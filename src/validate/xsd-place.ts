/**
 * xmllint places an XSD finding by line only, so a report would point every one at the document root. The mapped
 * value knows where each of its members starts: the member that starts on the finding's line, preferring one named
 * as the element the message names ("Element 'min': …"), gives the finding its pointer and column.
 */
import type { Finding } from '../findings.js';
import type { ParsedDocument } from '../parse/index.js';
import { childPointer } from '../util/pointer.js';

/** Members looked at for one document at most: placing is a convenience, never a cost on a huge document. */
const MAX_MEMBERS = 20_000;

const ELEMENT_NAMED = /^XSD: Element '(?:[^':]*:)?([^']+)'/;

/** Every pointer of `value`, parents first, within MAX_MEMBERS. */
function pointersOf(value: unknown): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0 && out.length < MAX_MEMBERS) {
    const [v, at] = stack.pop()!;
    out.push(at);
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], childPointer(at, i)]);
    else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], childPointer(at, entries[i]![0])]);
    }
  }
  return out;
}

const lastKey = (pointer: string): string => pointer.slice(pointer.lastIndexOf('/') + 1);

/** The findings with a line and no place get the pointer and column of the member that starts on that line. */
export function placeXsdFindings(findings: readonly Finding[], doc: ParsedDocument): Finding[] {
  if (!findings.some((f) => f.pointer === '' && f.line !== undefined)) return [...findings];
  const byLine = new Map<number, { pointer: string; column: number | undefined }[]>();
  for (const pointer of pointersOf(doc.value)) {
    if (pointer === '') continue;
    const at = doc.locate(pointer);
    if (at?.line === undefined) continue;
    const list = byLine.get(at.line) ?? [];
    list.push({ pointer, column: at.column });
    byLine.set(at.line, list);
  }
  return findings.map((f) => {
    if (f.pointer !== '' || f.line === undefined) return f;
    const here = byLine.get(f.line);
    if (!here) return f;
    // Placed only where there is no doubt: at the member the message names, or at the only member on the line (on
    // minified XML every member starts on line 1, and the first of them would be a wrong place, worse than none).
    const named = ELEMENT_NAMED.exec(f.message)?.[1];
    const best =
      named !== undefined ? here.find((m) => lastKey(m.pointer) === named) : here.length === 1 ? here[0] : undefined;
    if (!best) return f;
    return { ...f, pointer: best.pointer, ...(best.column !== undefined ? { column: best.column } : {}) };
  });
}
