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
