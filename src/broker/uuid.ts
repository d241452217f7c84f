/**
 * Identifiers of offer sets and sessions: UUIDv7 (RFC 9562), a millisecond timestamp followed by 74 random
 * bits (from `randomUUID`). The standard asks only for a UUID (`format: uuid`). Time order matters to the
 * store: each is a SQLite index key, and random v4 keys put every insert on a random B-tree page, so a
 * POST /requests cost grew with the table (40 µs of SQLite at 1 500 offer sets, 115 µs at 15 000); time-ordered
 * keys append, and the cost stays flat. 74 random bits keep the URLs unguessable; the creation instant they
 * reveal is in `meta.created` anyway.
 */
import { randomUUID } from 'node:crypto';

/** A new UUIDv7 in the canonical lower-case form. */
export function newUuid(now: number = Date.now()): string {
  const ms = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  // randomUUID is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep its random rand_a, variant and rand_b.
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${randomUUID().slice(15)}`;
}
