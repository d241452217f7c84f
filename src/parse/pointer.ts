/** RFC 6901 helpers. */
export function escapeToken(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

export function childPointer(parent: string, key: string | number): string {
  return `${parent}/${typeof key === 'number' ? key : escapeToken(key)}`;
}

/** The pointer one level up, or undefined for the root. */
export function parentPointer(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  const slash = pointer.lastIndexOf('/');
  return slash <= 0 ? '' : pointer.slice(0, slash);
}
