import { defineRule } from '../../rule.js';
import { escapeToken } from '../../../util/index.js';

/**
 * A character XML 1.0 cannot carry, even as a reference (§2.2 Char): C0 controls other than tab and line ends,
 * a lone surrogate, U+FFFE and U+FFFF. JSON and YAML can hold them; the XML form of the same document cannot.
 */
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
    let found = 0;
    const stack: { value: unknown; pointer: string }[] = [{ value: ctx.root, pointer: '' }];
    while (stack.length > 0 && found < MOST) {
      const { value, pointer } = stack.pop()!;
      if (typeof value === 'string') {
        const bad = NOT_XML_CHAR.exec(value);
        if (bad) {
          found++;
          ctx.report({
            requirement: 'EB-XML-02',
            pointer,
            message: `the string holds ${shown(bad[0])} at character ${characterAt(value, bad.index)}, which XML cannot carry: the document's XML form would differ from it`,
            params: { character: shown(bad[0]), index: characterAt(value, bad.index) - 1 },
          });
        }
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pointer: `${pointer}/${i}` });
      } else if (typeof value === 'object' && value !== null) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          const at = `${pointer}/${escapeToken(key)}`;
          const bad = NOT_XML_CHAR.exec(key);
          if (bad && found < MOST) {
            found++;
            ctx.report({
              requirement: 'EB-XML-02',
              pointer: at,
              message: `the member name holds ${shown(bad[0])}, which XML cannot carry: the document's XML form would differ from it`,
              params: { character: shown(bad[0]) },
            });
          }
          stack.push({ value: (value as Record<string, unknown>)[key], pointer: at });
        }
      }
    }
  },
});
