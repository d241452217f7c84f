/**
 * The in-memory reservation ledger: what live offers and sessions hold, summed per slot, kept in step with
 * the sessions table by the Store (every write to a session goes through it, in the same synchronous call).
 * Without it, planning ran a GROUP BY over every live offer on each POST /requests, which grew with load.
 */
import { isReservingPhase, type SessionPhase } from '../model/index.js';

/** Resources one live session (or, summed, one slot) holds over [start, end). */
export interface Reservation {
  start: number;
  end: number;
  cores: number;
  memory: number;
  storage: number;
}

/** The stored fields of a session the ledger needs. */
export interface LedgerSession {
  uuid: string;
  phase: SessionPhase;
  expires: number;
  prepareStart: number;
  releaseEnd: number;
  cores: number;
  memory: number;
  storage: number;
}

interface Entry extends Reservation {
  uuid: string;
  phase: SessionPhase;
  expires: number;
  key: string;
}

interface Slot extends Reservation {
  members: Set<string>;
}

/** Min-heap of (at, uuid): offers leave the ledger when they expire, found without scanning. */
class ExpiryHeap {
  private readonly items: Array<{ at: number; uuid: string }> = [];
  get size(): number {
    return this.items.length;
  }
  push(at: number, uuid: string): void {
    const a = this.items;
    a.push({ at, uuid });
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.at <= a[i]!.at) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  peek(): { at: number; uuid: string } | undefined {
    return this.items[0];
  }
  pop(): { at: number; uuid: string } | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.at < a[m]!.at) m = l;
        if (r < a.length && a[r]!.at < a[m]!.at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
  clear(): void {
    this.items.length = 0;
  }
}

/**
 * Same answer as `SELECT … WHERE phase IN (reserving) AND release_end > now AND NOT (OFFERED AND expires <= now)
 * GROUP BY prepare_start, release_end`, in time proportional to the number of distinct slots.
 */
export class ReservationLedger {
  private readonly entries = new Map<string, Entry>();
  private readonly slots = new Map<string, Slot>();
  private readonly expiries = new ExpiryHeap();

  /** Records a session as stored (insert, or any later write with its full row). */
  put(s: LedgerSession): void {
    this.remove(s.uuid);
    if (!isReservingPhase(s.phase)) return;
    const key = `${s.prepareStart}|${s.releaseEnd}`;
    const e: Entry = {
      uuid: s.uuid,
      phase: s.phase,
      expires: s.expires,
      key,
      start: s.prepareStart,
      end: s.releaseEnd,
      cores: s.cores,
      memory: s.memory,
      storage: s.storage,
    };
    this.entries.set(s.uuid, e);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { start: e.start, end: e.end, cores: 0, memory: 0, storage: 0, members: new Set() };
      this.slots.set(key, slot);
    }
    slot.cores += e.cores;
    slot.memory += e.memory;
    slot.storage += e.storage;
    slot.members.add(e.uuid);
    if (e.phase === 'OFFERED') this.expiries.push(e.expires, e.uuid);
  }

  /** A phase change of a stored session (the only other write the store makes). */
  setPhase(uuid: string, phase: SessionPhase): void {
    const e = this.entries.get(uuid);
    if (!e) return; // not reserving before, and a session never returns to a reserving phase
    if (!isReservingPhase(phase)) this.remove(uuid);
    else e.phase = phase;
  }

  remove(uuid: string): void {
    const e = this.entries.get(uuid);
    if (!e) return;
    this.entries.delete(uuid);
    const slot = this.slots.get(e.key);
    if (!slot) return;
    slot.cores -= e.cores;
    slot.memory -= e.memory;
    slot.storage -= e.storage;
    slot.members.delete(uuid);
    if (slot.members.size === 0) this.slots.delete(e.key);
  }

  /** What is held at `now`, one row per slot; drops expired offers and ended slots as it goes. */
  at(now: number): Reservation[] {
    for (let top = this.expiries.peek(); top && top.at <= now; top = this.expiries.peek()) {
      this.expiries.pop();
      const e = this.entries.get(top.uuid);
      // A stale heap item (accepted since, or re-put with another expiry) is skipped.
      if (e && e.phase === 'OFFERED' && e.expires <= now) this.remove(e.uuid);
    }
    const out: Reservation[] = [];
    for (const [key, slot] of this.slots) {
      if (slot.end <= now) {
        for (const uuid of slot.members) this.entries.delete(uuid);
        this.slots.delete(key);
        continue;
      }
      out.push({ start: slot.start, end: slot.end, cores: slot.cores, memory: slot.memory, storage: slot.storage });
    }
    return out;
  }

  clear(): void {
    this.entries.clear();
    this.slots.clear();
    this.expiries.clear();
  }
}
