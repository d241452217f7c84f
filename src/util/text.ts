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

/** `word` with its indefinite article: "an update", "a request". */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/**
 * A name the user or a server chose (a file name, a URL), as it may reach a terminal: control characters (ESC of
 * an escape sequence, BEL, a line break) written as \xNN, so a hostile name can neither drive the terminal nor
 * fake a line of output.
 */
/** Bidirectional controls: they reorder the text around them on screen (a "Trojan source"). */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    // Bidirectional controls reorder the text around them on screen (a "Trojan source"): shown, not obeyed.
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
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

/**
 * Secrets shorter than this are not searched for in text: `a` or `42` would be replaced wherever it occurs,
 * mangling every line and showing the secret by where the gaps are. Where such a secret is sent (its header)
 * it is still redacted by name.
 */
export const MIN_REDACTED_LENGTH = 4;

/** JSON string content with the characters `pick` matches as \u escapes, in lower or upper case hex digits. */
const uEscaped = (json: string, pick: RegExp, upper: boolean): string =>
  json.replace(pick, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  });

/**
 * The forms a secret takes where a broker may echo it back, so a scrubber finds each: as it is; Base64 (a Basic
 * header); percent-encoded (a URL); escaped in a JSON string, as the common serializers escape it; and escaped as
 * XML or HTML text, with named and numeric references. Only forms at least MIN_REDACTED_LENGTH long; longest
 * first, so a form containing another goes whole.
 */
export function secretEncodings(secret: string): string[] {
  const forms = new Set<string>([secret, Buffer.from(secret, 'utf8').toString('base64'), encodeURIComponent(secret)]);
  const json = JSON.stringify(secret).slice(1, -1);
  // Non-ASCII as \u escapes (Python's json.dumps: lower case; Jackson's ESCAPE_NON_ASCII: upper case), and < > &
  // too (Go's encoding/json); each also with `/` written `\/` (PHP, some Java writers).
  const variants = [
    json,
    uEscaped(json, /[\u0080-\uffff]/g, false),
    uEscaped(json, /[\u0080-\uffff]/g, true),
    uEscaped(json, /[<>&\u2028\u2029]/g, false),
  ];
  for (const j of variants) forms.add(j).add(j.replace(/\//g, '\\/'));
  forms.add(escapeMarkup(secret));
  forms.add(secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`));
  forms.add(
    secret
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;'),
  );
  return [...forms].filter((f) => f.length >= MIN_REDACTED_LENGTH).sort((a, b) => b.length - a.length);
}

/** Every form of every secret long enough to search for, longest first (so a form containing another goes whole). */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const s of secrets) if (s.length >= MIN_REDACTED_LENGTH) for (const f of secretEncodings(s)) forms.add(f);
  return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with each of `forms` (from `secretForms`) replaced by `<redacted>`. */
export function scrubForms(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join('<redacted>');
  return out;
}

/**
 * A deep copy of `value` with `fn` applied to every string it holds; keys, numbers and the shape are kept. For
 * redaction: replacing a secret in serialized JSON, YAML or XML could also hit a key or the markup.
 */
export function mapStrings<T>(value: T, fn: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fn(v);
    if (Array.isArray(v)) return v.map(walk);
    // fromEntries defines own properties: a "__proto__" key stays a key and never sets the prototype.
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** `text` cut to at most `max` characters, an ellipsis marking the cut. */
export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
