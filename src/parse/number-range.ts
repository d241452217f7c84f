/**
 * Numbers a document writes that a double cannot hold: JSON.parse and YAML read `1e400` as Infinity (which
 * every serializer then writes as null, so validation said "found null") and `1e-400` as 0, silently.
 * JSON and XML have no infinity or NaN, so YAML's `.inf` and `.nan` cannot cross formats either.
 */
import { withinInt64 } from '../util/int64.js';

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

/**
 * An integer past ±2^53−1, which a JavaScript number holds only approximately. The schema's integers are int64
 * (a Java broker's Long: Long.MAX_VALUE for "no limit"), so one within int64 is a warning (the document may carry
 * it; this reader sees a neighbour); one past int64 is an error, as no schema integer can be.
 */
export function bigIntegerProblem(source: string, value: number): { level: 'warning' | 'error'; message: string } {
  return withinInt64(value)
    ? {
        level: 'warning',
        message: `The integer ${source} is past ±2^53−1, so it reads here as ${String(value)}: within int64, which the schema allows, but not exact in JavaScript (nor in any reader using doubles).`,
      }
    : {
        level: 'error',
        message: `The number ${source} is beyond the safe integer range (±2^53−1) and past int64, the widest integer the schema allows.`,
      };
}

/** A cheap hint that a text may hold a number that underflows (`1e-400`): only such texts need the exact scan. */
export const UNDERFLOW_HINT = /\d[eE]-0*\d{3}/;
