/**
 * The text of a value of unknown type, for a message: a string as it is, any other primitive written out, an
 * object or array as JSON (never `[object Object]`).
 */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const what = Array.isArray(value) ? 'an array' : 'an object';
  try {
    return JSON.stringify(value) ?? what;
  } catch {
    return what; // a cycle or a BigInt inside
  }
}

const MARKUP: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe inside XML, SVG or HTML, in element content and in quoted attributes alike. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => MARKUP[c] ?? c);
}
