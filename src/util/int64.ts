/**
 * The integers the schema allows are int64 (a Java broker's Long); a JavaScript number holds them exactly only to
 * ±2^53−1.
 *
 * Whether an integer (as a double reads it) lies within int64. ±2^63 counts: it is the double a Long's MIN and
 * MAX_VALUE read as (JSON.stringify writes Long.MAX_VALUE read back as 9223372036854776000), and what this toolkit
 * writes it must read again; a literal past int64 by less than a double can tell is read as that bound.
 */
export function withinInt64(value: number): boolean {
  return Math.abs(value) <= 2 ** 63;
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
        message: pastInt64Literal(source)
          ? `The integer ${source} is past int64 (whose largest value is 9223372036854775807), but it reads here as ${String(value)}, the double int64's bound reads as (a Java Long.MAX_VALUE written through a double), so it is taken as that bound (within int64, which the schema allows).`
          : `The integer ${source} is past ±2^53−1, so it reads here as ${String(value)}: within int64, which the schema allows, but not exact in JavaScript (nor in any reader using doubles).`,
      }
    : {
        level: 'error',
        message: `The number ${source} is beyond the safe integer range (±2^53−1) and past int64, the widest integer the schema allows.`,
      };
}

const INT64_MAX = 2n ** 63n - 1n;

/** Whether a plain integer literal lies past int64 exactly (a double cannot tell 2^63 from 2^63 − 1). */
function pastInt64Literal(source: string): boolean {
  if (!/^-?\d+$/.test(source) || source.length > 40) return false;
  const n = BigInt(source);
  return n > INT64_MAX || n < -INT64_MAX - 1n;
}
