/**
 * The suite's own reading of ISO 8601 instants, durations and start intervals. It does not borrow the broker's
 * parser: a check that shared the code it judges would agree with its bugs.
 */

const DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * The fields of an ISO 8601 duration (Y, M, W, D, H, M, S as numbers, absent as 0; `calendar`: a Y, M or W is
 * written), or undefined.
 */
function durationFields(text: unknown): { negative: boolean; calendar: boolean; f: number[] } | undefined {
  if (typeof text !== 'string' || text.endsWith('T') || /^-?P$/.test(text)) return undefined;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const calendar = m[2] !== undefined || m[3] !== undefined || m[4] !== undefined;
  return { negative: m[1] !== undefined, calendar, f: m.slice(2).map((x) => Number(x ?? 0)) };
}

/** A duration of days, hours, minutes and seconds in milliseconds (one with years, months, weeks or a sign is not read). */
export function durationMs(text: unknown): number | undefined {
  const d = durationFields(text);
  if (!d || d.negative || d.calendar) return undefined;
  const [, , , days = 0, h = 0, min = 0, s = 0] = d.f;
  return (days * 86400 + h * 3600 + min * 60 + s) * 1000;
}

/**
 * An ISO 8601 (or xs:duration) duration as months and milliseconds, the two parts no conversion joins: `PT1H`,
 * `PT60M` and Java's `P0Y0M0DT1H0M0.000S` are one value. Undefined when the text is no duration.
 */
export function durationValue(text: unknown): { months: number; ms: number } | undefined {
  const d = durationFields(text);
  if (!d) return undefined;
  const [y = 0, mo = 0, w = 0, days = 0, h = 0, min = 0, s = 0] = d.f;
  const sign = d.negative ? -1 : 1;
  return {
    months: sign * (y * 12 + mo),
    ms: sign * Math.round(((w * 7 + days) * 86400 + h * 3600 + min * 60 + s) * 1000),
  };
}

export function instantMs(text: unknown): number | undefined {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text))
    return undefined;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * Whether instant `a` is later than instant `b`, to the last digit written: Date.parse stops at the millisecond,
 * and a broker writing Java's nanoseconds may set two instants microseconds apart. Undefined when either is unread.
 */
export function instantAfter(a: unknown, b: unknown): boolean | undefined {
  const x = instantMs(a);
  const y = instantMs(b);
  if (x === undefined || y === undefined) return undefined;
  if (x !== y) return x > y;
  const pastA = pastMilliseconds(a as string);
  const pastB = pastMilliseconds(b as string);
  const width = Math.max(pastA.length, pastB.length);
  return pastA.padEnd(width, '0') > pastB.padEnd(width, '0');
}

/** The digits of a second's fraction after the third (Date.parse drops them). */
function pastMilliseconds(text: string): string {
  return /\.\d{3}(\d+)/.exec(text)?.[1] ?? '';
}

/** A start interval of type 1 (start/end) or 2 (start/duration), or a bare instant. */
export function intervalMs(text: unknown): { start: number; end: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const [a, b, ...rest] = text.split('/');
  if (rest.length > 0 || a === undefined) return undefined;
  const start = instantMs(a);
  if (start === undefined) return undefined;
  if (b === undefined) return { start, end: start };
  const end = instantMs(b) ?? (durationMs(b) !== undefined ? start + (durationMs(b) as number) : undefined);
  return end === undefined || end < start ? undefined : { start, end };
}

/** Second-precision UTC instant. */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
