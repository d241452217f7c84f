/** Type guards for values of unknown shape (parsed documents, config, thrown values). */

/** A JSON object: a plain key → value record (not null, not an array). */
export type JsonRecord = Record<string, unknown>;

/** True for an object that is neither null nor an array: what a JSON object parses to. */
export function isObject(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for an array, typed as a list of unknown items (`Array.isArray` would type them `any`). */
export function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}
