/**
 * The suite's own reading of ISO 8601 instants, durations and start intervals. It does not borrow the broker's
 * parser: a check that shared the code it judges would agree with its bugs.
 */

const DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function durationMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, d, h, min, s] = m;
  return (Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000;
}

const FULL_DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * An ISO 8601 (or xs:duration) duration as months and milliseconds, the two parts no conversion joins: `PT1H`,
 * `PT60M` and Java's `P0Y0M0DT1H0M0.000S` are one value. Undefined when the text is no duration.
 */
export function durationValue(text: unknown): { months: number; ms: number } | undefined {
  if (typeof text !== 'string' || text.endsWith('T') || /^-?P$/.test(text)) return undefined;
  const m = FULL_DURATION.exec(text);
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  const sign = m[1] ? -1 : 1;
  return {
    months: sign * (n(2) * 12 + n(3)),
    ms: sign * Math.round(((n(4) * 7 + n(5)) * 86400 + n(6) * 3600 + n(7) * 60 + n(8)) * 1000),
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
