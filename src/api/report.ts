/** Report writers for validation results (`execution-broker-toolkit/report`); conformance writers are in /conformance. */
export * from '../report/index.js';
export { renderHtml } from '../report/html.js';
export { renderBadge, badgeContent } from '../report/badge.js';
export { badgeEndpoint, writeBadgeJson, type BadgeEndpoint } from '../report/badge-json.js';
export type { ConformanceReport, ReportSummary as ConformanceSummary, ReportCheck, ReportEvidence } from '../report/conformance-types.js';
