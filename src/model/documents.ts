/**
 * Which root schema validates each document type. The `$id`s are those of
 * schema/json/*.schema.json; test/schema/facts.test.ts checks that each
 * file exists and that its root `$ref` names the type listed here.
 */
import type { DocumentType } from '../findings.js';

/** Base of every schema `$id`. */
export const SCHEMA_BASE = 'https://www.ivoa.net/xml/ExecutionBroker/schema/v1.0/json/';

/** Root schema `$id` of each document type. */
export const DOCUMENT_SCHEMA_IDS: Readonly<Record<DocumentType, string>> = {
  request: `${SCHEMA_BASE}request.schema.json`,
  offerset: `${SCHEMA_BASE}offerset.schema.json`,
  session: `${SCHEMA_BASE}sessions.schema.json`,
  update: `${SCHEMA_BASE}updates.schema.json`,
  error: `${SCHEMA_BASE}errors.schema.json`,
};

/** Name of the schema type (and of the generated TS type) at the root of each document type. */
export const DOCUMENT_ROOT_TYPES: Readonly<Record<DocumentType, string>> = {
  request: 'ExecutionRequest',
  offerset: 'OfferSetResponse',
  session: 'AbstractExecutionSession',
  update: 'AbstractUpdate',
  error: 'ErrorResponse',
};
