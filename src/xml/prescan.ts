/**
 * A cheap, iterative pass over the markup before any parser sees it: refuses
 * DOCTYPE and other declarations (no entity is ever defined, so none can be
 * expanded or fetched: EB-XML-04) and caps element nesting, so the recursive
 * mapping that follows is bounded, and attributes per element: the mapping reads a handful (namespaces, xsi), and
 * 800,000 of them on one element took the XSD validator past a gigabyte.
 */
export const MAX_ATTRIBUTES = 256;

export interface PrescanResult {
  /** Offset of a `<!DOCTYPE`/`<!ENTITY`/other declaration, if any. */
  declarationAt?: number;
  declaration?: string;
  /** Offset of the first element nested deeper than the limit, if any. */
  tooDeepAt?: number;
  /** Offset of the first element with more than MAX_ATTRIBUTES attributes, if any. */
  tooManyAttributesAt?: number;
  /** Offset of a `<` inside an attribute value (not well-formed XML, which the parser below lets through). */
  ltInAttributeAt?: number;
}

export function prescanXml(text: string, maxDepth: number): PrescanResult {
  let depth = 0;
  let i = text.indexOf('<');
  while (i !== -1 && i < text.length) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return {};
      i = text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) return {};
      i = text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<!', i)) {
      const m = /^<!([A-Za-z]*)/.exec(text.slice(i, i + 20));
      return { declarationAt: i, declaration: m?.[1] || '<!' };
    }
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) return {};
      i = text.indexOf('<', end + 2);
      continue;
    }
    const closing = text[i + 1] === '/';
    // Find the end of the tag, skipping quoted attribute values.
    let j = i + 1;
    let quote = '';
    // Each attribute opens one quoted value.
    let attributes = 0;
    for (; j < text.length; j++) {
      const c = text[j];
      if (quote) {
        if (c === quote) quote = '';
        else if (c === '<') return { ltInAttributeAt: j };
      } else if (c === '"' || c === "'") {
        quote = c;
        if (++attributes > MAX_ATTRIBUTES) return { tooManyAttributesAt: i };
      } else if (c === '>') break;
    }
    if (j >= text.length) return {};
    if (closing) depth--;
    else if (text[j - 1] !== '/') {
      depth++;
      if (depth > maxDepth) return { tooDeepAt: i };
    }
    i = text.indexOf('<', j + 1);
  }
  return {};
}

/** 1-based line and column of an offset (columns in UTF-16 code units). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
