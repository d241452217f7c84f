/** The curation roles of spec/03 §3.1, in the order they apply (EB-CUR-07). */
export const ROLES = ['developer', 'packager', 'publisher', 'user'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
