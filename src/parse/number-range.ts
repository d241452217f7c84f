/**
 * Numbers a document writes that a double cannot hold: JSON.parse and YAML read `1e400` as Infinity (which
 * every serializer then writes as null, so validation said "found null") and `1e-400` as 0, silently.
 * JSON and XML have no infinity or NaN, so YAML's `.inf` and `.nan` cannot cross formats either.
 */
export { bigIntegerProblem } from '../util/int64.js';

/** Why `source`, read as `value`, is not the number it says; undefined when it is. */
export function numberRangeProblem(source: string, value: number): string | undefined {
  if (Number.isNaN(value) || (!Number.isFinite(value) && /inf/i.test(source)))
    return `The number ${source} is not finite; JSON and XML cannot carry it.`;
  if (!Number.isFinite(value))
    return `The number ${source} is beyond the range of a double (about ±1.8e308); it would read as infinity.`;
  if (value === 0 && /[1-9]/.test(source.split(/[eE]/)[0] ?? ''))
    return `The number ${source} is too close to zero for a double; it would read as 0.`;
  return undefined;
}

/** A cheap hint that a text may hold a number that underflows (`1e-400`): only such texts need the exact scan. */
export const UNDERFLOW_HINT = /\d[eE]-0*\d{3}/;
