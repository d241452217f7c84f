/**
 * The session lifecycle, written once (EB-LIFE-01..06, EB-UPD-03/04). Every phase change the broker makes,
 * whether a client asked for it or time caused it, goes through `checkTransition` against this table; the
 * options a session advertises are derived from the client rows of the same table.
 */

import { ACTIVE_PHASES, FINAL_PHASES, type SessionPhase } from '../../model/index.js';

/** Who may cause a transition: the client with an update, or the service (time, sibling acceptance, faults). */
export type Actor = 'client' | 'service';

export interface Transition {
  from: SessionPhase;
  to: SessionPhase;
  by: Actor;
}

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
  ...ACTIVE_PHASES.map((from): Transition => ({ from, to: 'CANCELLED', by: 'client' })),
  ...[...ACTIVE_PHASES, 'RELEASING' as const].map((from): Transition => ({ from, to: 'FAILED', by: 'service' })),
] satisfies Transition[]);

export const TERMINAL_PHASES: ReadonlySet<SessionPhase> = new Set(FINAL_PHASES);

/** The single enforcement point: is `from → to` allowed for `by` in `table`? */
export function checkTransition(
  table: readonly Transition[],
  from: SessionPhase,
  to: SessionPhase,
  by: Actor,
): boolean {
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
