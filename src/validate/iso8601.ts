/**
 * ISO 8601 instants, durations and intervals as the standard uses them, parsed
 * into real calendar values (EB-DM-05: no 30 February, hour ≤ 23). The schema
 * patterns only check the shape; these parsers are what the rules and
 * `compare` reason with. A value without a zone is read as UTC (EB-SCH-10); a
 * date without a time stands for that whole day in UTC (EB-SCH-11).
 */

export interface Instant {
  /** Milliseconds since the epoch. */
  readonly ms: number;
  /** True when only a date was given (e.g. `2023-08-09`). */
  readonly dateOnly: boolean;
  /**
   * When the fraction of a second has digits past the milliseconds, which `ms` rounds away: the millisecond
   * truncated, and those digits (`831836` of `.197831836`). Brokers write nanoseconds (Java's Instant), and two
   * instants a few microseconds apart must not compare equal.
   */
  readonly subMs?: readonly [number, string];
}

export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

export type Interval =
  | { readonly type: 'instant'; readonly start: Instant }
  | { readonly type: 'start-end'; readonly start: Instant; readonly end: Instant }
  | { readonly type: 'start-duration'; readonly start: Instant; readonly duration: Duration }
  | { readonly type: 'duration-end'; readonly duration: Duration; readonly end: Instant }
  | { readonly type: 'duration'; readonly duration: Duration }
  | { readonly type: 'repeating' }
  /** An end written relative to the start (`2023-08-14T11:30Z/T12:00Z`), which EB-SCH-01 leaves out. */
  | { readonly type: 'abbreviated-end' };

/** Why a value failed: `syntax` (not the ISO shape) or `calendar` (right shape, impossible date/time). */
export interface TimeError {
  readonly error: 'syntax' | 'calendar';
  readonly reason: string;
}

export function isTimeError(v: unknown): v is TimeError {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/** The instant a value names (ms since the epoch), or undefined when it is no valid RFC 3339 date-time string. */
export function instantMs(v: unknown): number | undefined {
  return instantOf(v)?.ms;
}

/** The instant a value names, or undefined when it is no valid RFC 3339 date-time string. */
export function instantOf(v: unknown): Instant | undefined {
  if (typeof v !== 'string') return undefined;
  const r = parseInstant(v);
  return isTimeError(r) ? undefined : r;
}

/**
 * Orders two instants to the last digit written: negative when `a` is earlier, 0 when they are the same instant.
 * `ms` is rounded to the millisecond, so the comparison starts from the truncated millisecond and the digits past it.
 * A date-only instant compares as its day's start.
 */
export function compareInstants(a: Instant, b: Instant): number {
  const [aMs, aRest] = a.subMs ?? [a.ms, ''];
  const [bMs, bRest] = b.subMs ?? [b.ms, ''];
  if (aMs !== bMs) return aMs - bMs;
  const width = Math.max(aRest.length, bRest.length);
  const x = aRest.padEnd(width, '0');
  const y = bRest.padEnd(width, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Quotes a value for a message, clipped so hostile input cannot bloat findings. */
function q(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** An instant: a date, or a date-time with optional seconds, fraction and zone. */
function parseInstantUncached(text: string): Instant | TimeError {
  const m = DATE_TIME.exec(text);
  if (!m) return { error: 'syntax', reason: `${q(text)} is not an ISO 8601 date or date-time` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return { error: 'calendar', reason: `month ${m[2]} does not exist` };
  const dim = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > dim) {
    return { error: 'calendar', reason: `day ${m[3]} does not exist in ${year}-${m[2]} (it has ${dim} days)` };
  }
  if (m[4] === undefined) return { ms: Date.UTC(year, month - 1, day), dateOnly: true };
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23) return { error: 'calendar', reason: `hour ${m[4]} is past 23` };
  if (minute > 59) return { error: 'calendar', reason: `minute ${m[5]} is past 59` };
  // No leap second: xs:dateTime has none, and the JSON and XML forms of a document get one verdict (EB-XML-01).
  if (second > 59) return { error: 'calendar', reason: `second ${m[6]} is past 59` };
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59)
      return { error: 'calendar', reason: `zone offset ${m[9]}${m[10]}:${m[11] ?? '00'} is not a time of day` };
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000) - offsetMin * 60_000;
  const rest = m[7] !== undefined && m[7].length > 3 ? m[7].slice(3).replace(/0+$/, '') : '';
  if (rest === '') return { ms, dateOnly: false };
  const truncated =
    Date.UTC(year, month - 1, day, hour, minute, second) + Number(m[7]!.slice(0, 3)) - offsetMin * 60_000;
  return { ms, dateOnly: false, subMs: [truncated, rest] };
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** A duration `PnYnMnWnDTnHnMnS`; at least one component, and a `T` must be followed by one. */
function parseDurationUncached(text: string): Duration | TimeError {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    return { error: 'syntax', reason: `${q(text)} is not an ISO 8601 duration such as PT1H or P1DT2H` };
  }
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i].replace(',', '.')));
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/** Adds a duration on the calendar (months and years by calendar, the rest exactly). */
export function addDuration(startMs: number, d: Duration): number {
  let base = startMs;
  // A Date is needed only to step months and years on the calendar; most durations have neither.
  if (d.years !== 0 || d.months !== 0) {
    const date = new Date(startMs);
    date.setUTCMonth(date.getUTCMonth() + d.years * 12 + d.months);
    base = date.getTime();
  }
  return base + exactMs(d);
}

/** The weeks, days, hours, minutes and seconds of a duration in ms (the part that is the same everywhere). */
function exactMs(d: Duration): number {
  return (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000;
}

/** Nominal length in ms (a month is 30 days, a year 365), for comparing durations. */
export function durationMs(d: Duration): number {
  return exactMs(d) + (d.years * 365 + d.months * 30) * 86_400_000;
}

function isDurationText(s: string): boolean {
  return s.startsWith('P');
}

/**
 * Several rules read the same time strings, and the offers of one set share
 * most of them: memoise (bounded, so hostile input cannot grow it).
 */
const MEMO_LIMIT = 4096;

function memoised<T>(parse: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    if (text.length > 64) return parse(text); // no real time value is this long; don't hold hostile strings
    let r = memo.get(text);
    if (r === undefined) {
      r = parse(text);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(text, r);
    }
    return r;
  };
}

/** An instant: a date, or a date-time with optional seconds, fraction and zone. */
export const parseInstant = memoised(parseInstantUncached);
/** A duration `PnYnMnWnDTnHnMnS`; at least one component, and a `T` must be followed by one. */
export const parseDuration = memoised(parseDurationUncached);

/** An instant or an interval in any of the ISO 8601 forms; the caller decides which forms it allows. */
export const parseInterval = memoised(parseIntervalUncached);

function parseIntervalUncached(text: string): Interval | TimeError {
  if (/^R\d*\//.test(text)) return { type: 'repeating' };
  const parts = text.split('/');
  if (parts.length > 2) return { error: 'syntax', reason: `${q(text)} has more than one "/"` };
  if (parts.length === 1) {
    if (isDurationText(text)) {
      const d = parseDuration(text);
      return isTimeError(d) ? d : { type: 'duration', duration: d };
    }
    const s = parseInstant(text);
    return isTimeError(s) ? s : { type: 'instant', start: s };
  }
  const [a, b] = parts as [string, string];
  if (isDurationText(a)) {
    const d = parseDuration(a);
    if (isTimeError(d)) return d;
    const e = parseInstant(b);
    return isTimeError(e) ? e : { type: 'duration-end', duration: d, end: e };
  }
  const s = parseInstant(a);
  if (isTimeError(s)) return s;
  if (isDurationText(b)) {
    const d = parseDuration(b);
    return isTimeError(d) ? d : { type: 'start-duration', start: s, duration: d };
  }
  // `T12:00Z`, `14T12:00`, `08-15`, `15`: an end that borrows its leading parts from the start.
  if (/^(T\d{2}|\d{2}(-\d{2})?(T|$)|\d{2}-\d{2}$)/.test(b)) return { type: 'abbreviated-end' };
  const e = parseInstant(b);
  return isTimeError(e) ? e : { type: 'start-end', start: s, end: e };
}

const DAY_MS = 86_400_000;

/** The last moment a point covers: the point itself, or the end of its day for a bare date (EB-SCH-11). */
function endOf(i: Instant): number {
  return i.dateOnly ? i.ms + DAY_MS : i.ms;
}

/**
 * The [start, end] in ms that an instant or start-based interval covers; undefined for other forms. A bare
 * date covers its whole day, and a date as the end of an interval runs to the end of that day (EB-SCH-11).
 */
export function intervalBounds(iv: Interval): { start: number; end: number } | undefined {
  switch (iv.type) {
    case 'instant':
      return { start: iv.start.ms, end: endOf(iv.start) };
    case 'start-end':
      return { start: iv.start.ms, end: endOf(iv.end) };
    case 'start-duration':
      return { start: iv.start.ms, end: addDuration(iv.start.ms, iv.duration) };
    default:
      return undefined;
  }
}
