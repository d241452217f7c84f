/** What a thrown value says, whatever was thrown. */
import { isObject } from './guards.js';

/** The message of a thrown Error (or of anything with a string `message`), else the text of the value; never `undefined`. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  if (isObject(err) && typeof err.message === 'string') return err.message;
  try {
    return String(err);
  } catch {
    return 'unprintable error';
  }
}
