/** The conformance report: run types, summary and exit codes, redaction, and every writer. */
export * from './types.js';
export * from './summary.js';
export { redactDeep, redactText } from './redact.js';
export { writeTextSummary } from './text.js';
export { writeJsonReport, type JsonReport } from './json.js';
export { writeJunitReport } from './junit.js';
export { renderHtml } from './html.js';
export { renderBadge, badgeContent } from './badge.js';
export { badgeEndpoint, writeBadgeJson, type BadgeEndpoint } from './badge-json.js';
