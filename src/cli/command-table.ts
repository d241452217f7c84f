/**
 * What top-level help lists about each sub-command, without loading it: `ebkit --help`, `--version`, `help` and
 * an unknown command read this table, so they start like a native tool (issue 14). A test keeps each row equal
 * to what the command's own module registers (name, arguments, description).
 */
export interface CommandSummary {
  /** Arguments as the help term shows them, e.g. `<files...>` (empty when none). */
  args: string;
  description: string;
}

export const COMMAND_TABLE: Record<string, CommandSummary> = {
  validate: {
    args: '<files...>',
    description: "check ExecutionBroker documents (JSON, YAML or XML) against the schema and the standard's rules",
  },
  serve: { args: '', description: 'run the reference ExecutionBroker (SQLite store, simulated platform)' },
  aggregate: {
    args: '',
    description: 'run the reference aggregator: one broker in front of many (fan-out, merge, proxy)',
  },
  conformance: {
    args: '[url]',
    description: 'Check a broker against the ExecutionBroker standard (no URL: start the embedded reference broker)',
  },
  coverage: { args: '', description: 'print which validator rules and conformance checks test each requirement' },
  'lint-spec': {
    args: '',
    description:
      'check the specification tree (register and citations, examples, JSON Schema/XSD/OpenAPI agreement, patterns, discriminators, redocly), or another OpenAPI tree',
  },
  diff: {
    args: '<old> <new>',
    description:
      'compare two schema versions (directories like schema/json, or bundled files); exit 1 when something breaks',
  },
  migrate: {
    args: '<files...>',
    description: "rewrite documents of older ExecutionBroker generations into 1.0 documents, in the input's format",
  },
  compose: {
    args: '<fragments...>',
    description: 'merge request fragments of the developer, packager, publisher and user into one request (spec §3.1)',
  },
  docs: {
    args: '',
    description: 'build the documentation site (specification, API reference, library API, coverage, examples)',
  },
  offers: {
    args: '<request>',
    description:
      'send one request to many brokers (or an aggregator) and compare their offers; --pick … --yes accepts the best',
  },
  accept: {
    args: '<offer-url>',
    description: 'accept an offer (POST the ACCEPTED update to its URL); prints the session phase and URL',
  },
  cancel: {
    args: '<session-url>',
    description: 'cancel a session (POST the CANCELLED update to its URL); prints the session phase and URL',
  },
  watch: {
    args: '<session-url>',
    description:
      'follow a session until it ends; exit 0 on COMPLETED, 1 on FAILED/CANCELLED/EXPIRED/REJECTED or a refusal (404), 2 when unreachable or past --timeout',
  },
};
