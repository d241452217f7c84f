/** The data model: generated types and kind tables, and the document-to-schema map. */
export type * from './types.js';
export * from './kinds.js';
export * from './documents.js';
