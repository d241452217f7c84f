/** Report writers: text, json, junit, sarif (html and badge live beside them). */
export { summarize, type FileReport, type ReportSummary } from './types.js';
export { writeText, type TextOptions } from './text.js';
export { writeJson } from './json.js';
export { writeJUnit, validationJUnit, type JUnitCase, type JUnitReport, type JUnitSuite } from './junit.js';
export { writeSarif, type SarifOptions } from './sarif.js';
