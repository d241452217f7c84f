/** The integers the schema allows are int64 (a Java broker's Long); a JavaScript number holds them exactly only to ±2^53−1. */
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Whether an integer literal (digits, or a number a double reads as an integer) lies within int64. */
export function withinInt64(source: string, value: number): boolean {
  const t = source.trim();
  if (/^[-+]?\d+$/.test(t)) {
    const n = BigInt(t);
    return n >= INT64_MIN && n <= INT64_MAX;
  }
  return Math.abs(value) < 2 ** 63;
}
