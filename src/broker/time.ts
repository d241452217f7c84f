/**
 * The ISO 8601 forms the broker reads and writes, on top of the one parser (src/validate/iso8601.ts): durations
 * without years or months (whose length depends on the calendar) and start intervals of type 1 (start/end) and
 * 2 (start/duration), EB-SCH-01. Only the writing (canonical forms) is the broker's own.
 */
import {
  durationMs,
  intervalBounds,
  isTimeError,
  parseDuration as parseIsoDuration,
  parseInstant as parseIsoInstant,
  parseInterval,
} from '../validate/iso8601.js';

/** Milliseconds in an ISO 8601 duration, or undefined when it is not one the broker can measure. */
export function parseDuration(text: string): number | undefined {
  const d = parseIsoDuration(text);
  if (isTimeError(d) || d.years !== 0 || d.months !== 0) return undefined;
  const ms = durationMs(d);
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/** Canonical `PT…` form (hours, minutes, seconds) of a non-negative millisecond count. */
export function formatDuration(ms: number): string {
  let s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `PT${parts || '0S'}`;
}

/** Milliseconds of an instant (a bare date is UTC midnight). */
export function parseInstant(text: string): number | undefined {
  const t = parseIsoInstant(text);
  return isTimeError(t) ? undefined : t.ms;
}

/** Recently written instants by second: a POST /requests writes about 20, most of them a handful of seconds. */
const INSTANTS = new Map<number, string>();
const MAX_INSTANTS = 4096;

/** Second-precision UTC instant, the form every broker timestamp uses. */
export function formatInstant(ms: number): string {
  const second = Math.floor(ms / 1000);
  let text = INSTANTS.get(second);
  if (text === undefined) {
    text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    if (INSTANTS.size >= MAX_INSTANTS) INSTANTS.clear();
    INSTANTS.set(second, text);
  }
  return text;
}

export interface Window {
  start: number;
  end: number;
}

/** A requested start window: `start/end`, `start/duration` or a bare instant (a window of zero length). */
export function parseStartWindow(text: string): Window | undefined {
  const iv = parseInterval(text);
  const bounds = isTimeError(iv) ? undefined : intervalBounds(iv);
  if (!bounds || !Number.isFinite(bounds.end) || bounds.end < bounds.start) return undefined;
  return bounds;
}
