import { defineRule } from '../../rule.js';
import { escapeToken } from '../../../util/index.js';
import { NOT_XML_CHAR } from '../../../xml/characters.js';

/**
 * NOT_XML_CHAR's characters, and every surrogate: one plain character class, quick to rule a string out (the exact
 * expression, run on every string, was most of this rule's time). A hit is checked exactly.
 */
const MAYBE_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Whether a JSON or YAML text may give a string such a character. Both parsers refuse a raw control character, so one
 * can come only from a backslash escape; U+FFFE and U+FFFF may stand raw; a lone surrogate only in a text given as a
 * string (decoded bytes have none). Native searches: a regular expression over the text took 10 µs per 6 kB.
 */
function mayHoldOne(text: string): boolean {
  return (
    text.includes('\\') ||
    text.includes('\uFFFE') ||
    text.includes('\uFFFF') ||
    !(text as unknown as { isWellFormed(): boolean }).isWellFormed()
  );
}

const MAX_DEPTH = 256;

/** Findings one document gets at most: a document full of them needs only the first few to be fixed. */
const MOST = 20;

/** The 1-based character (code point, as a reader counts) at a UTF-16 index: an emoji before it counts once. */
function characterAt(text: string, index: number): number {
  return [...text.slice(0, index)].length + 1;
}

function shown(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * One document, one verdict in every format (EB-XML-01, EB-XML-02): a string (or member name) that holds such a
 * character would come back from XML changed, so it is refused in JSON and YAML too, at its pointer, rather than
 * replaced silently when the document is written as XML.
 */
export default defineRule({
  slug: 'xml-characters',
  requirements: ['EB-XML-02'],
  appliesTo: ['request', 'offerset', 'session', 'update', 'error'],
  check(ctx) {
    // The path is kept as a list and joined only for a finding: most documents have none, and building a pointer
    // for every value tripled the rules' time on a large offer set.
    const path: string[] = [];
    let found = 0;
    const report = (character: string, index: number | undefined, what: 'string' | 'member name'): void => {
      found++;
      const at = index === undefined ? '' : ` at character ${index}`;
      ctx.report({
        requirement: 'EB-XML-02',
        pointer: path.length === 0 ? '' : `/${path.map(escapeToken).join('/')}`,
        message: `the ${what} holds ${shown(character)}${at}, which XML cannot carry: the document's XML form would differ from it`,
        params: { character: shown(character), ...(index === undefined ? {} : { index: index - 1 }) },
      });
    };
    const visit = (value: unknown): void => {
      // Deeper than any parsed document may be (the parsers stop at 64): a value built in code is not followed on.
      if (found >= MOST || path.length > MAX_DEPTH) return;
      if (typeof value === 'string') {
        const bad = MAYBE_NOT_XML.test(value) ? NOT_XML_CHAR.exec(value) : null;
        if (bad) report(bad[0], characterAt(value, bad.index), 'string');
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length && found < MOST; i++) {
          path.push(String(i));
          visit(value[i]);
          path.pop();
        }
      } else if (typeof value === 'object' && value !== null) {
        for (const key in value) {
          if (found >= MOST) return;
          path.push(key);
          const bad = MAYBE_NOT_XML.test(key) ? NOT_XML_CHAR.exec(key) : null;
          if (bad) report(bad[0], undefined, 'member name');
          visit((value as Record<string, unknown>)[key]);
          path.pop();
        }
      }
    };
    // Parsed from text, such a character can only have come from an escape or as itself (XML's parser refuses them
    // all): a text with neither holds none, which one scan of it tells faster than a look at every string.
    const source = ctx.source;
    if (source && (source.format === 'xml' || !mayHoldOne(source.text))) return;
    visit(ctx.root);
  },
});
