import { iso } from './time.js';
import { ERROR_STATUS, KINDS as MODEL_KINDS, OPTION_KINDS, UPDATE_KINDS } from '../../src/model/kinds.js';

/** The component kinds the probe requests use, named by the model's kind table (src/model/kinds.ts). */
export const KINDS = {
  docker: MODEL_KINDS.DockerContainer,
  compute: MODEL_KINDS.SimpleComputeResource,
  storage: MODEL_KINDS.SimpleStorageResource,
  data: MODEL_KINDS.SimpleDataResource,
} as const;
/** An executable kind no broker knows: its requests are answered NO (and /direct 400 with a FAILED session). */
export const UNKNOWN_EXECUTABLE_KIND = 'https://example.org/kinds/executable/zeppelin-notebook.yaml';

export const ENUM_UPDATE = UPDATE_KINDS.EnumValueUpdate;
export const ENUM_OPTION = OPTION_KINDS.EnumValueOption;
export const STRING_UPDATE = UPDATE_KINDS.StringValueUpdate;

export const FINAL_PHASES = new Set(['REJECTED', 'EXPIRED', 'COMPLETED', 'FAILED', 'CANCELLED']);
/** Phases after acceptance in which the only user move is CANCELLED (DOMAIN.md §4.3). */
export const ACTIVE_PHASES = new Set(['ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING']);

/** Allowed session phase transitions (DOMAIN.md §4.3); the suite accepts skipping service-driven steps. */
export const TRANSITIONS: Record<string, string[]> = {
  INITIAL: ['OFFERED', 'FAILED', 'CANCELLED'],
  OFFERED: ['ACCEPTED', 'REJECTED', 'EXPIRED', 'FAILED', 'CANCELLED'],
  ACCEPTED: ['WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING', 'COMPLETED', 'FAILED', 'CANCELLED'],
  WAITING: ['PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING', 'COMPLETED', 'FAILED', 'CANCELLED'],
  PREPARING: ['AVAILABLE', 'RUNNING', 'RELEASING', 'COMPLETED', 'FAILED', 'CANCELLED'],
  AVAILABLE: ['RUNNING', 'RELEASING', 'COMPLETED', 'FAILED', 'CANCELLED'],
  RUNNING: ['RELEASING', 'COMPLETED', 'FAILED', 'CANCELLED'],
  RELEASING: ['COMPLETED', 'FAILED'],
};

export interface RequestShape {
  cores?: { min: number; max: number };
  memory?: { min: number; max: number };
  /** Start window; omitted ⇒ no schedule (the broker picks the earliest slot). */
  start?: string;
  duration?: string;
  executableKind?: string;
}

/** A small, valid ExecutionRequest: one Docker container, modest compute. */
export function executionRequest(shape: RequestShape = {}): Record<string, unknown> {
  const request: Record<string, unknown> = {
    executable: {
      kind: shape.executableKind ?? KINDS.docker,
      meta: { name: 'conformance-probe' },
      image: {
        locations: ['ghcr.io/example/checksum-tool:2026.06.01'],
        digest: 'sha256:0dfeaad1f37ab8cd506f3a16d1ade56d035694a34e0ff28be51b97f1924c4df3',
        platform: { architecture: 'amd64', os: 'linux' },
      },
      command: ['sha256sum', 'json'],
    },
    compute: {
      kind: KINDS.compute,
      meta: { name: 'probe-compute' },
      cores: shape.cores ?? { min: 1, max: 2 },
      memory: shape.memory ?? { min: 1, max: 2 },
    },
  };
  if (shape.start !== undefined || shape.duration !== undefined) {
    const requested: Record<string, string> = {};
    if (shape.start !== undefined) requested['start'] = shape.start;
    if (shape.duration !== undefined) requested['duration'] = shape.duration;
    request['schedule'] = { requested };
  }
  return request;
}

/** A storage location no service can reach: the `.invalid` TLD never resolves (RFC 6761). */
export const UNREACHABLE_STORAGE = 'https://unreachable.invalid/ebkit-conformance/vospace/';

/**
 * The probe request plus unmanaged storage at UNREACHABLE_STORAGE: the external storage EB-OFF-17 (spec §3.4) says a
 * broker answers NO for. Data at an unreachable URL is not that: a broker may stage it only once the session prepares.
 */
export function unreachableStorageRequest(): Record<string, unknown> {
  return {
    ...executionRequest(),
    storage: [
      { kind: KINDS.storage, meta: { name: 'probe-vospace' }, lifecycle: 'unmanaged', location: UNREACHABLE_STORAGE },
    ],
  };
}

/** The probe request plus one data resource at `location`, staged into a storage resource of its own. */
export function dataRequest(location: string): Record<string, unknown> {
  return {
    ...executionRequest(),
    storage: [
      { kind: KINDS.storage, meta: { name: 'probe-scratch' }, size: { min: 1, max: 2 }, data: ['probe-input'] },
    ],
    data: [{ kind: KINDS.data, meta: { name: 'probe-input' }, location, storage: 'probe-scratch' }],
  };
}

/** The smallest valid request: an executable and nothing else (no compute, storage, data or schedule). */
export function executableOnlyRequest(): Record<string, unknown> {
  return { executable: executionRequest()['executable'] };
}

/** A start window beginning `fromMin` minutes from now and lasting `hours`. */
export function startWindow(fromMin: number, hours: number, now = Date.now()): string {
  return `${iso(now + fromMin * 60_000)}/PT${hours}H`;
}

export function phaseUpdate(value: string): Record<string, unknown> {
  return { kind: ENUM_UPDATE, path: 'phase', value };
}

/** General error code per HTTP status (ARCHITECTURE.md, error document), from the schema's table. */
export const GENERAL_CODES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code]),
);
