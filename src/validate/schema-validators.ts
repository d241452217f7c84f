/**
 * Typed access to the precompiled schema validators in ./generated (see
 * scripts/gen-validators.ts). One validator per document type, and one per
 * kind-selected type and per concrete kind for checking a component alone.
 */
import type { ErrorObject } from 'ajv';
import type { DocumentType } from '../findings.js';
import * as generated from './generated/validators.js';

/** A compiled validator: true when valid; the errors of its last call are on `errors`. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The root-schema validator of each document type. */
export const DOCUMENT_VALIDATORS: Readonly<Record<DocumentType, SchemaValidator>> = {
  request: generated.request,
  offerset: generated.offerset,
  session: generated.session,
  update: generated.update,
  error: generated.error,
};

const DOCUMENT_NAMES: ReadonlySet<string> = new Set(Object.keys(DOCUMENT_VALIDATORS));

/** Validators by schema type name (e.g. "DockerContainer", "AbstractExecutable"). */
export const TYPE_VALIDATORS: Readonly<Record<string, SchemaValidator>> = Object.fromEntries(
  Object.entries(generated as Record<string, SchemaValidator>).filter(([name]) => !DOCUMENT_NAMES.has(name)),
);

/**
 * Validates and returns one error per problem, copied (a validator's `errors`
 * is overwritten by its next call):
 * - the `if` wrappers of the kind dispatch go: each only says that one of its
 *   branches failed, and that branch's own errors are in the list;
 * - a number format (int32, int64, float) goes when the same value already has
 *   a type error;
 * - repeats go (a non-object component fails `type` once per nested part).
 */
export function schemaErrors(validator: SchemaValidator, value: unknown): ErrorObject[] {
  if (validator(value)) return [];
  const errors = (validator.errors ?? []).filter((e) => e.keyword !== 'if');
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword === 'format' && typed.has(e.instancePath)) return false;
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${e.message ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
