/** The data model: generated types and kind tables, session phases and their groups, error codes, and the document-to-schema map. */
export type * from './generated/types.js';
export * from './kinds.js';
export * from './phases.js';
export * from './errors.js';
export * from './documents.js';
export * from './endpoints.js';
export * from './federation.js';
