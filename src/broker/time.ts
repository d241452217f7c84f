/**
 * The few ISO 8601 forms the broker reads and writes: durations (PnDTnHnMnS, no years/months/weeks, whose
 * length depends on the calendar) and start intervals of type 1 (start/end) and 2 (start/duration), EB-SCH-01.
 */

const DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in an ISO 8601 duration, or undefined when it is not one the broker can measure. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, d, h, min, s] = m;
  const ms = (Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000;
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

const INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/** Milliseconds of an instant with a zone (or a bare date, read as UTC midnight). */
export function parseInstant(text: string): number | undefined {
  if (!INSTANT.test(text)) return undefined;
  const t = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isFinite(t) ? t : undefined;
}

/** Second-precision UTC instant, the form every broker timestamp uses. */
export function formatInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export interface Window {
  start: number;
  end: number;
}

/** A requested start window: `start/end`, `start/duration` or a bare instant (a window of zero length). */
export function parseStartWindow(text: string): Window | undefined {
  const parts = text.split('/');
  if (parts.length === 1) {
    const t = parseInstant(text);
    return t === undefined ? undefined : { start: t, end: t };
  }
  if (parts.length !== 2) return undefined;
  const [a, b] = parts as [string, string];
  const start = parseInstant(a);
  if (start === undefined) return undefined;
  const end = b.startsWith('P') ? addDuration(start, b) : parseInstant(b);
  if (end === undefined || end < start) return undefined;
  return { start, end };
}

function addDuration(start: number, text: string): number | undefined {
  const d = parseDuration(text);
  return d === undefined ? undefined : start + d;
}
