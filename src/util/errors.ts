/** What a thrown value says, whatever was thrown. */

/** The message of a thrown Error, or the text of anything else thrown (never `undefined`). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return String(err);
  } catch {
    return 'unprintable error';
  }
}
