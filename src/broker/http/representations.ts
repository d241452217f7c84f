/**
 * The serialized documents of GET /sessions/{uuid}, remembered until the session changes: a client polling a
 * session (what `ebkit watch`, the conformance runner and every portal do) otherwise has the same row rendered and
 * serialized again on every poll, about a fifth of a GET's CPU (issue 14).
 *
 * A representation is valid for one row state: the store changes a session only by a phase update, which writes
 * `phase`, `modified` and `acceptedAt` (body, messages and the planned instants are fixed at insert), so those
 * three are the stamp. A phase that is due but not yet persisted is advanced by the store before the row is read,
 * so the stamp never hides a phase change. The key also holds the format and the base URL (meta.url depends on
 * it when no public URL is configured).
 */
import type { SessionRow } from '../store.js';

/** Enough for every session a busy broker's clients poll at once; the oldest entry goes first. */
export const DEFAULT_REPRESENTATIONS = 2048;

interface Entry {
  stamp: string;
  text: string;
}

export class SessionRepresentations {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limit = DEFAULT_REPRESENTATIONS) {}

  /** The remembered text for this row state, or undefined. */
  get(row: SessionRow, variant: string): string | undefined {
    const e = this.entries.get(keyOf(row, variant));
    return e !== undefined && e.stamp === stampOf(row) ? e.text : undefined;
  }

  set(row: SessionRow, variant: string, text: string): void {
    const key = keyOf(row, variant);
    this.entries.delete(key);
    this.entries.set(key, { stamp: stampOf(row), text });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

const keyOf = (row: SessionRow, variant: string): string => `${row.uuid} ${variant}`;
const stampOf = (row: SessionRow): string => `${row.phase} ${row.modified} ${row.acceptedAt ?? ''}`;
