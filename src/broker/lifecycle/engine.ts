import type { Timings, BrokerConfig } from '../config.js';
import { checkTransition, type Transition } from './transitions.js';
import type { SessionPhase } from '../../model/index.js';

/** What the engine needs to know about a stored session to move it forward in time. */
export interface SessionClockState {
  phase: SessionPhase;
  expires: number;
  acceptedAt: number | null;
  prepareStart: number;
  availableStart: number;
  runEnd: number;
  releaseEnd: number;
  /** Copied from the config when the offer was made, so a restart with another config keeps the plan. */
  acceptedHold: number;
  startup: number;
  /** The simulated fault hits this session when it would enter `faultPhase`. */
  faultPhase: SessionPhase | null;
}

export interface Step {
  to: SessionPhase;
  at: number;
}

/**
 * The service-driven phases of an accepted session, in order, with the instant each begins. Each boundary is
 * computed from stored times only, so after a restart the same session lands in the same phase.
 */
export function acceptedTimeline(s: SessionClockState): Step[] {
  if (s.acceptedAt === null) return [];
  const a = s.acceptedAt;
  const steps: Step[] = [];
  const afterHold = a + s.acceptedHold;
  if (afterHold < s.prepareStart) steps.push({ to: 'WAITING', at: afterHold });
  const preparing = Math.max(s.prepareStart, afterHold);
  steps.push({ to: 'PREPARING', at: preparing });
  const available = Math.max(s.availableStart, preparing);
  steps.push({ to: 'AVAILABLE', at: available });
  const running = available + s.startup;
  if (s.startup > 0 && running < s.runEnd) steps.push({ to: 'RUNNING', at: running });
  const releasing = Math.max(s.runEnd, available);
  steps.push({ to: 'RELEASING', at: releasing });
  steps.push({ to: 'COMPLETED', at: Math.max(s.releaseEnd, releasing) });
  return steps;
}

/** Computes the next service step a session will take, if any: used for the sweep index. */
export type TimelineFn = (s: SessionClockState) => Step[];

/**
 * Steps due by `now`, each allowed by the transition table; stops at the first step the table refuses
 * (a session never skips a forbidden edge) and turns the fault phase into FAILED.
 */
export function dueSteps(
  s: SessionClockState,
  now: number,
  table: readonly Transition[],
  timeline: TimelineFn = acceptedTimeline,
): Step[] {
  const out: Step[] = [];
  let phase = s.phase;
  if (phase === 'OFFERED') {
    if (now >= s.expires && checkTransition(table, 'OFFERED', 'EXPIRED', 'service'))
      out.push({ to: 'EXPIRED', at: s.expires });
    return out;
  }
  const steps = timeline(s);
  const start = phase === 'ACCEPTED' ? 0 : steps.findIndex((st) => st.to === phase) + 1;
  if (start === 0 && phase !== 'ACCEPTED') return out; // terminal or not on the timeline
  for (const step of steps.slice(start)) {
    if (step.at > now) break;
    if (s.faultPhase === step.to) {
      if (checkTransition(table, phase, 'FAILED', 'service')) out.push({ to: 'FAILED', at: step.at });
      break;
    }
    if (!checkTransition(table, phase, step.to, 'service')) break;
    out.push(step);
    phase = step.to;
  }
  return out;
}

/** When the session will next change by itself (for the sweep index), or null when it never will. */
export function nextChange(
  s: SessionClockState,
  table: readonly Transition[],
  timeline: TimelineFn = acceptedTimeline,
): number | null {
  if (s.phase === 'OFFERED') return checkTransition(table, 'OFFERED', 'EXPIRED', 'service') ? s.expires : null;
  const steps = timeline(s);
  const start = s.phase === 'ACCEPTED' ? 0 : steps.findIndex((st) => st.to === s.phase) + 1;
  if (start === 0 && s.phase !== 'ACCEPTED') return null;
  return steps[start]?.at ?? null;
}

/** The fault phase for a session whose executable carries the configured fault name, else null. */
export function faultPhaseFor(executableName: unknown, config: BrokerConfig): SessionPhase | null {
  return executableName === config.faultName ? config.faultPhase : null;
}

export type { Timings };
