/**
 * A flag given in seconds: a bare number is seconds, and a unit may be written as `conformance --timeout` takes
 * one (`5s`, `500ms`), so the same words work on every command.
 */
export function secondsArg(text: string, what: string, max: number): number | string {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  const s = m ? (m[2] === 'ms' ? Number(m[1]) / 1000 : Number(m[1])) : NaN;
  return m && s > 0 && s <= max
    ? s
    : `${what} must be a number of seconds above 0 and at most ${max} (or with a unit: 5s, 500ms), got "${text}"`;
}
