/** Validation of a written conformance report against the schema the package publishes for it. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { conformanceReportSchema } from '../../src/api/schemas.js';

// strict: a keyword the generator wrote that Ajv does not know is an error in the schema, not ignored.
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(conformanceReportSchema());

/** The report's violations of the schema, one line each (`/checks/0/outcome must be equal to one of …`). */
export function reportSchemaErrors(report: unknown): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

export function expectSchemaValidReport(report: unknown): void {
  expect(reportSchemaErrors(report)).toEqual([]);
}
