/**
 * Public API of the toolkit (`execution-broker-toolkit`): every stage from one import. Narrower subpaths load
 * less: `/types` (generated document types and kind constants), `/validate`, `/parse`, `/report`, `/client`,
 * `/broker` (fastify, SQLite when installed), `/aggregator` (one broker in front of many), `/conformance` (the suite).
 */
export * from './findings.js';
export * from './errors.js';
export { TOOLKIT_VERSION, STANDARD_VERSION } from './version.js';
export * from './model/index.js';
export { REQUIREMENTS, LEVEL_SEVERITY, requirementById } from './model/requirements.js';
export type { Requirement, RequirementId, RequirementLevel, RequirementOrigin } from './model/requirements.js';
export * from './parse/index.js';
export * from './validate/index.js';
export {
  serialize,
  MEDIA_TYPES,
  FORMAT_MEDIA_TYPES,
  formatOfMediaType,
  negotiateResponseFormat,
  formatFromContentType,
} from './serialize/index.js';
export * from './api/report.js';
export * from './client/index.js';
export {
  createBroker,
  startBroker,
  ManualClock,
  systemClock,
  DEFAULT_CONFIG,
  ConfigError,
  resolveConfig,
  loadConfigFile,
  SqliteUnavailableError,
  SQLITE_INSTALL_HINT,
} from './broker/index.js';
export type {
  Broker,
  BrokerOptions,
  BrokerOverrides,
  RunningBroker,
  BrokerConfig,
  Clock,
  BrokerStore,
} from './broker/index.js';
export {
  createAggregator,
  startAggregator,
  AggregatorConfigError,
  resolveAggregatorConfig,
  loadAggregatorConfigFile,
  DEFAULT_AGGREGATOR,
} from './aggregator/index.js';
export type {
  Aggregator,
  AggregatorOptions,
  RunningAggregator,
  AggregatorConfig,
  UpstreamConfig,
} from './aggregator/index.js';
export {
  runConformance,
  ALL_CHECKS,
  selectChecks,
  exitCodeOf,
  summarizeRun,
  CHECK_CLASSES,
  OUTCOMES,
  startEmbeddedBroker,
  FAST_BROKER_CONFIG,
  writeJunitReport,
} from './api/conformance.js';
export type {
  ConformanceOptions,
  RunOptions,
  Check,
  CheckClass,
  CheckLevel,
  CheckResult,
  Outcome,
  Verdict,
  Summary,
  Leftover,
  RunReport,
} from './api/conformance.js';
export { loadSchemas, schemaFiles, schemaDir, conformanceReportSchema } from './api/schemas.js';
