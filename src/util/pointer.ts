/** RFC 6901 JSON Pointer reference tokens, written once for every layer. */

/** Escapes one reference token (`~` → `~0`, `/` → `~1`); a number (array index) is written as is. */
export function escapeToken(key: string | number): string {
  if (typeof key === 'number') return String(key);
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** Reverses `escapeToken` (`~1` → `/` first, then `~0` → `~`, as RFC 6901 §4 says). */
export function unescapeToken(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}

/** The pointer of `key` under `parent`. */
export function childPointer(parent: string, key: string | number): string {
  return `${parent}/${escapeToken(key)}`;
}

/** The pointer one level up, or undefined for the root. */
export function parentPointer(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  const slash = pointer.lastIndexOf('/');
  return slash <= 0 ? '' : pointer.slice(0, slash);
}
