/**
 * The range a request-body limit may take (EB-ERR-11): every service reads a body of 64 KiB, and none reads one over
 * 10 MiB (the parser's own cap). A broker or aggregator configured outside it would break a MUST for as long as it
 * runs, so the setting is refused when the configuration is read.
 */
export const BODY_LIMIT_MIN = 64 * 1024;
export const BODY_LIMIT_MAX = 10 * 1024 * 1024;

/** Why `bytes` cannot be a body limit, or undefined when it can. */
export function bodyLimitProblem(bytes: number): string | undefined {
  return bytes >= BODY_LIMIT_MIN && bytes <= BODY_LIMIT_MAX
    ? undefined
    : `must be from ${BODY_LIMIT_MIN} to ${BODY_LIMIT_MAX} bytes (64 KiB to 10 MiB, EB-ERR-11), got ${bytes}`;
}
