/**
 * Session phases (SimpleExecutionSessionPhase, sessions.schema.json) and the groups the standard reasons
 * with, written once. The phase list itself is generated (kinds.ts); the groups are facts of the lifecycle
 * (DOMAIN.md, EB-LIFE-*, EB-OFF-10).
 */
import type { SimpleExecutionSessionPhase } from './generated/types.js';
import { SESSION_PHASES } from './kinds.js';

export type SessionPhase = SimpleExecutionSessionPhase;

/** Accepted and not yet releasing: the phases a client may still cancel (EB-LIFE-07). */
export const ACTIVE_PHASES = [
  'ACCEPTED',
  'WAITING',
  'PREPARING',
  'AVAILABLE',
  'RUNNING',
] as const satisfies readonly SessionPhase[];

/** Phases whose session holds platform resources (EB-OFF-10): live offers and accepted, unfinished sessions. */
export const RESERVING_PHASES = ['OFFERED', ...ACTIVE_PHASES, 'RELEASING'] as const satisfies readonly SessionPhase[];

/** Where an accepted session can be without having failed or been cancelled: accepting worked (EB-LIFE-02). */
export const ACCEPTED_PHASES = [...ACTIVE_PHASES, 'RELEASING', 'COMPLETED'] as const satisfies readonly SessionPhase[];

/** Phases that show a session was never accepted: an offer still open, or one withdrawn or run out. */
export const UNACCEPTED_PHASES = [
  'INITIAL',
  'OFFERED',
  'REJECTED',
  'EXPIRED',
] as const satisfies readonly SessionPhase[];

/** Final phases: no transition leaves them. */
export const FINAL_PHASES = [
  'REJECTED',
  'EXPIRED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
] as const satisfies readonly SessionPhase[];

export function isSessionPhase(value: unknown): value is SessionPhase {
  return typeof value === 'string' && (SESSION_PHASES as readonly string[]).includes(value);
}

function member<T extends string>(group: readonly T[]): (phase: unknown) => phase is T {
  const set: ReadonlySet<unknown> = new Set(group);
  return (phase: unknown): phase is T => set.has(phase);
}

export const isActivePhase = member(ACTIVE_PHASES);
export const isReservingPhase = member(RESERVING_PHASES);
export const isFinalPhase = member(FINAL_PHASES);
export const isAcceptedPhase = member(ACCEPTED_PHASES);
export const isUnacceptedPhase = member(UNACCEPTED_PHASES);
