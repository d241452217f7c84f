import { describe, expect, it } from 'vitest';
import type { AbstractExecutable, ErrorResponse, ExecutionRequest, ScheduledExecutionSession, EnumValueUpdate } from '../../src/model/index.js';
import { ERROR_STATUS, KINDS, UPDATE_KINDS } from '../../src/model/index.js';
import { DOCUMENT_VALIDATORS } from '../../src/validate/schema-validators.js';

/** Narrowing on `kind` reaches the concrete members (a compile-time check as much as a runtime one). */
function imageLocations(executable: AbstractExecutable): string[] {
  if (executable.kind === KINDS.DockerContainer) return executable.image?.locations ?? [];
  return [];
}

describe('generated types', () => {
  it('documents built with the generated types are schema-valid', () => {
    const request: ExecutionRequest = {
      executable: { kind: KINDS.DockerContainer, image: { locations: ['ghcr.io/example/tool:1'] } },
      compute: { kind: KINDS.SimpleComputeResource, cores: { min: 2, max: 4 } },
      schedule: { requested: { start: '2026-08-14T11:00:00Z/PT2H', duration: 'PT1H' } },
    };
    const session: ScheduledExecutionSession = {
      kind: KINDS.ScheduledExecutionSession,
      phase: 'OFFERED',
      schedule: { available: { start: '2026-08-14T11:10:00Z/PT0S', duration: 'PT1H' } },
    };
    const update: EnumValueUpdate = { kind: UPDATE_KINDS.EnumValueUpdate, path: 'phase', value: 'ACCEPTED' };
    const error: ErrorResponse = { status: ERROR_STATUS.NOT_FOUND, error: 'NOT_FOUND', code: 'UNKNOWN_SESSION', message: 'No such session.' };
    expect(DOCUMENT_VALIDATORS.request(request)).toBe(true);
    expect(DOCUMENT_VALIDATORS.session(session)).toBe(true);
    expect(DOCUMENT_VALIDATORS.update(update)).toBe(true);
    expect(DOCUMENT_VALIDATORS.error(error)).toBe(true);
    expect(imageLocations(request.executable!)).toEqual(['ghcr.io/example/tool:1']);
  });
});
