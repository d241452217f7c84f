/**
 * Error codes of the error document (errors.schema.json, ARCHITECTURE.md "Error document"): each specific
 * code belongs to one general code, and each general code to one HTTP status. The tables are generated
 * (kinds.ts); this module answers the questions callers ask of them.
 */
import type { GeneralErrorCode, KnownErrorCode } from './generated/types.js';
import { ERROR_GENERAL_CODE, ERROR_STATUS, GENERAL_ERROR_CODES } from './kinds.js';

/** A specific code: a known one, or a general code standing for itself (e.g. `BAD_REQUEST` for a bad URL). */
export type SpecificErrorCode = KnownErrorCode | GeneralErrorCode;

/** The status and general code a specific code implies. */
export interface ErrorClass {
  readonly status: number;
  readonly error: GeneralErrorCode;
}

/** General error code of each HTTP status the schema names. */
export const GENERAL_CODE_OF_STATUS: Readonly<Record<number, GeneralErrorCode>> = Object.fromEntries(
  GENERAL_ERROR_CODES.map((code) => [ERROR_STATUS[code], code]),
);

function isKnownCode(code: SpecificErrorCode): code is KnownErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_GENERAL_CODE, code);
}

/** The general code and HTTP status of a specific code. */
export function errorClassOf(code: SpecificErrorCode): ErrorClass {
  const error: GeneralErrorCode = isKnownCode(code) ? ERROR_GENERAL_CODE[code] : code;
  return { status: ERROR_STATUS[error], error };
}
