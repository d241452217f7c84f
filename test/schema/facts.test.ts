import { describe, expect, it } from 'vitest';
import {
  CONNECTOR_STATUSES, DATA_OBJECT_TYPES, ERROR_GENERAL_CODE, ERROR_STATUS, KINDS, KINDS_BY_TYPE, KIND_BASE,
  LIFECYCLE_PHASES, MESSAGE_LEVELS, OFFERSET_RESULTS, OPTION_KINDS, SESSION_PHASES, UPDATE_KINDS, VOLUME_MOUNT_MODES,
} from '../../src/model/kinds.js';
import { DOCUMENT_ROOT_TYPES, DOCUMENT_SCHEMA_IDS } from '../../src/model/documents.js';
import { DOCUMENT_TYPES } from '../../src/findings.js';
import { FILES } from './helpers.js';

// Expected values are copied from reference/DOMAIN.md §3 and ARCHITECTURE.md; the schema must say the same.
describe('facts carried over from DOMAIN.md', () => {
  it('kind URIs', () => {
    expect(KIND_BASE).toBe('https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/');
    const rel = Object.values(KINDS).map((k) => k.slice(KIND_BASE.length)).sort();
    expect(rel).toEqual([
      'accelerator/simple-accelerator.yaml', // the toolkit's own kind (EB-KIND-05), not in DOMAIN.md
      'compute/simple-compute-resource.yaml',
      'costs/abstract-cost-item.yaml',
      'costs/simple-minmax-float-cost.yaml',
      'data/S3-data-resource.yaml',
      'data/ivoa-data-resource.yaml',
      'data/rucio-data-resource.yaml',
      'data/simple-data-resource.yaml',
      'data/skao-data-resource.yaml',
      'executable/docker-container.yaml',
      'executable/jupyter-notebook.yaml',
      'executable/singularity-container.yaml',
      'metrics/abstract-metric-item.yaml',
      'metrics/simple-minmax-float-metric.yaml',
      'session/scheduled-execution-session.yaml',
      'session/simple-execution-session.yaml',
      'storage/simple-storage-resource.yaml',
      'volume/simple-volume-mount.yaml',
    ]);
    expect(Object.values(OPTION_KINDS).sort()).toEqual(['uri:enum-value-option', 'uri:integer-delta-option', 'uri:integer-value-option', 'uri:string-value-option']);
    expect(Object.values(UPDATE_KINDS).sort()).toEqual(['uri:enum-value-update', 'uri:integer-delta-update', 'uri:integer-value-update', 'uri:string-value-update']);
    expect(Object.keys(KINDS_BY_TYPE).sort()).toEqual([
      'AbstractAccelerator', 'AbstractComputeResource', 'AbstractCostItem', 'AbstractDataResource', 'AbstractExecutable', 'AbstractExecutionSession',
      'AbstractMetricItem', 'AbstractOption', 'AbstractStorageResource', 'AbstractUpdate', 'AbstractVolumeMount',
    ]);
  });

  it('enums', () => {
    expect(LIFECYCLE_PHASES).toEqual(['INITIALIZING', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING', 'COMPLETED', 'FAILED', 'CANCELLED']);
    expect(SESSION_PHASES).toEqual(['INITIAL', 'OFFERED', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING', 'COMPLETED', 'FAILED', 'CANCELLED']);
    expect(CONNECTOR_STATUSES).toEqual(['PREPARING', 'AVAILABLE', 'FINISHED']);
    expect(MESSAGE_LEVELS).toEqual(['DEBUG', 'WARN', 'ERROR', 'INFO', 'OTHER']);
    expect(VOLUME_MOUNT_MODES).toEqual(['READONLY', 'READWRITE']);
    expect(DATA_OBJECT_TYPES).toEqual(['FILE', 'CONTAINER', 'DATASET']);
    expect(OFFERSET_RESULTS).toEqual(['YES', 'NO']);
  });

  it('error codes as ARCHITECTURE.md lists them', () => {
    expect(ERROR_STATUS).toEqual({
      BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, METHOD_NOT_ALLOWED: 405, NOT_ACCEPTABLE: 406,
      REQUEST_TIMEOUT: 408, CONFLICT: 409, GONE: 410, LENGTH_REQUIRED: 411, PAYLOAD_TOO_LARGE: 413, URI_TOO_LONG: 414,
      UNSUPPORTED_MEDIA_TYPE: 415, UNPROCESSABLE_CONTENT: 422, TOO_MANY_REQUESTS: 429, REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
      INTERNAL_ERROR: 500, NOT_IMPLEMENTED: 501, BAD_GATEWAY: 502, SERVICE_UNAVAILABLE: 503, GATEWAY_TIMEOUT: 504,
    });
    const status = (code: keyof typeof ERROR_GENERAL_CODE) => ERROR_STATUS[ERROR_GENERAL_CODE[code]];
    expect(Object.fromEntries(Object.keys(ERROR_GENERAL_CODE).map((c) => [c, status(c as keyof typeof ERROR_GENERAL_CODE)]))).toEqual({
      MALFORMED_BODY: 400, EMPTY_BODY: 400, UNAUTHENTICATED: 401, UNKNOWN_OFFERSET: 404, UNKNOWN_SESSION: 404, UNKNOWN_PATH: 404,
      METHOD_NOT_ALLOWED: 405, NO_ACCEPTABLE_FORMAT: 406, UPDATE_NOT_OFFERED: 409, OFFER_EXPIRED: 409, OFFER_WITHDRAWN: 409,
      BODY_TOO_LARGE: 413, UNSUPPORTED_CONTENT_TYPE: 415, INVALID_DOCUMENT: 422, INTERNAL_ERROR: 500,
      // EB-ERR-13: 403 has NOT_OWNER; elsewhere the specific code repeats the general code.
      NOT_OWNER: 403, FORBIDDEN: 403, REQUEST_TIMEOUT: 408, GONE: 410, LENGTH_REQUIRED: 411, URI_TOO_LONG: 414,
      TOO_MANY_REQUESTS: 429, HEADERS_TOO_LARGE: 431, NOT_IMPLEMENTED: 501, BAD_GATEWAY: 502, SERVICE_UNAVAILABLE: 503,
      GATEWAY_TIMEOUT: 504,
    });
  });

  it('each document type has a root schema whose root $ref names its type', () => {
    for (const type of DOCUMENT_TYPES) {
      const file = FILES.find((f) => f.id === DOCUMENT_SCHEMA_IDS[type]);
      expect(file, type).toBeDefined();
      expect(file!.schema.$ref).toBe(`#/$defs/${DOCUMENT_ROOT_TYPES[type]}`);
    }
  });
});
