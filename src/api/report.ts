/** Report writers for validation results (`execution-broker-toolkit/report`); conformance writers are in /conformance. */
export * from '../report/index.js';
export {
  renderHtml,
  renderBadge,
  badgeContent,
  badgeEndpoint,
  writeBadgeJson,
  writeJunitReport,
  writeJsonReport,
  writeTextSummary,
  type BadgeEndpoint,
  type RunReport as ConformanceReport,
  type Summary as ConformanceSummary,
} from '../report/conformance/index.js';
