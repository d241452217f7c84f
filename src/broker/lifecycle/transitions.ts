/**
 * The session lifecycle, written once (EB-LIFE-01..06, EB-UPD-03/04). Every phase change the broker makes,
 * whether a client asked for it or time caused it, goes through `checkTransition` against this table; the
 * options a session advertises are derived from the client rows of the same table.
 */

export const SESSION_PHASES = [
  'INITIAL', 'OFFERED', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING',
  'RELEASING', 'COMPLETED', 'FAILED', 'CANCELLED',
] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

/** Who may cause a transition: the client with an update, or the service (time, sibling acceptance, faults). */
export type Actor = 'client' | 'service';

export interface Transition {
  from: SessionPhase;
  to: SessionPhase;
  by: Actor;
}

const RUNNING_PHASES = ['ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING'] as const;

export const TRANSITIONS: readonly Transition[] = Object.freeze([
  { from: 'OFFERED', to: 'ACCEPTED', by: 'client' },
  { from: 'OFFERED', to: 'REJECTED', by: 'client' },
  { from: 'OFFERED', to: 'REJECTED', by: 'service' }, // a sibling was accepted (EB-LIFE-02)
  { from: 'OFFERED', to: 'EXPIRED', by: 'service' }, // at `expires` (EB-LIFE-01)
  { from: 'ACCEPTED', to: 'WAITING', by: 'service' },
  { from: 'ACCEPTED', to: 'PREPARING', by: 'service' },
  { from: 'WAITING', to: 'PREPARING', by: 'service' },
  { from: 'PREPARING', to: 'AVAILABLE', by: 'service' },
  { from: 'AVAILABLE', to: 'RUNNING', by: 'service' },
  { from: 'AVAILABLE', to: 'RELEASING', by: 'service' },
  { from: 'RUNNING', to: 'RELEASING', by: 'service' },
  { from: 'RELEASING', to: 'COMPLETED', by: 'service' },
  ...RUNNING_PHASES.map((from): Transition => ({ from, to: 'CANCELLED', by: 'client' })),
  ...[...RUNNING_PHASES, 'RELEASING' as const].map((from): Transition => ({ from, to: 'FAILED', by: 'service' })),
] satisfies Transition[]);

export const TERMINAL_PHASES: ReadonlySet<SessionPhase> = new Set(['REJECTED', 'EXPIRED', 'COMPLETED', 'FAILED', 'CANCELLED']);

/** Phases whose session holds platform resources (EB-OFF-10): live offers and accepted, unfinished sessions. */
export const RESERVING_PHASES: readonly SessionPhase[] = ['OFFERED', 'ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING'];

export function isSessionPhase(value: unknown): value is SessionPhase {
  return typeof value === 'string' && (SESSION_PHASES as readonly string[]).includes(value);
}

/** The single enforcement point: is `from → to` allowed for `by` in `table`? */
export function checkTransition(table: readonly Transition[], from: SessionPhase, to: SessionPhase, by: Actor): boolean {
  return table.some((t) => t.from === from && t.to === to && t.by === by);
}

/** An AbstractOption as the session advertises it in `meta.options`. */
export interface EnumValueOption {
  kind: 'uri:enum-value-option';
  path: 'phase';
  values: string[];
}

/** Options of a phase: one enum option listing the phases a client may move to, or none (EB-UPD-03/04). */
export function optionsFor(phase: SessionPhase, table: readonly Transition[] = TRANSITIONS): EnumValueOption[] {
  const values = table.filter((t) => t.from === phase && t.by === 'client').map((t) => t.to);
  return values.length === 0 ? [] : [{ kind: 'uri:enum-value-option', path: 'phase', values: [...new Set(values)] }];
}
