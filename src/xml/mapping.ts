/**
 * The one table that maps the object model to XML (schema/xsd/README.md).
 * `objectToXml`, `xmlToObject`, the locator and the XSD generator are all
 * driven by it, so the serialization and the XSD cannot drift apart.
 *
 * Order of `props` is the element order inside the XSD `xs:sequence`.
 * Families (executable, compute, …) are the union of all their concrete
 * kinds' members, because XSD 1.0 cannot select a type by an attribute value.
 */
import type { DocumentType } from '../findings.js';
import {
  CONNECTOR_STATUSES,
  DATA_OBJECT_TYPES,
  GENERAL_ERROR_CODES,
  LIFECYCLE_PHASES,
  MESSAGE_LEVELS,
  OFFERSET_RESULTS,
  SESSION_PHASES,
  VOLUME_MOUNT_MODES,
} from '../model/kinds.js';

/** Namespace of the serialization (DESIGN.md). */
export const EB_NS = 'http://www.ivoa.net/xml/ExecutionBroker/v1.0';
/**
 * Namespace for members the table does not know (extension kinds, open model):
 * they are written with a generic, typed encoding so the round trip stays lossless.
 */
export const EXT_NS = 'http://www.ivoa.net/xml/ExecutionBroker/v1.0/extension';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Simple (leaf) value types. */
export type LeafType =
  | 'string'
  | 'uri'
  | 'date-time'
  | 'uuid'
  | 'integer' // int64
  | 'count' // int64, at least 0 (sizes, cores, memory, lengths)
  | 'port' // 0..65535
  | 'int32'
  | 'number'
  | 'amount' // number, at least 0 (cost and metric bounds)
  | 'boolean'
  | { enum: EnumName }
  | { pattern: PatternName };

export type EnumName =
  | 'LifecyclePhase'
  | 'SessionPhase'
  | 'VolumeMode'
  | 'OfferSetResult'
  | 'ConnectorStatus'
  | 'MessageLevel'
  | 'DataObjectType'
  | 'AcceleratorType'
  | 'StorageLifecycle'
  | 'ErrorCode';

export type PatternName =
  'ISO8601Instant' | 'ISO8601Duration' | 'ISO8601Interval' | 'ISO8601StartRange' | 'SpecificErrorCode';

export const ENUMS: Record<EnumName, readonly string[]> = {
  LifecyclePhase: LIFECYCLE_PHASES,
  SessionPhase: SESSION_PHASES,
  VolumeMode: VOLUME_MOUNT_MODES,
  OfferSetResult: OFFERSET_RESULTS,
  ConnectorStatus: CONNECTOR_STATUSES,
  MessageLevel: MESSAGE_LEVELS,
  DataObjectType: DATA_OBJECT_TYPES,
  // General codes of the error document (ARCHITECTURE.md, "Error document").
  ErrorCode: GENERAL_ERROR_CODES,
  AcceleratorType: ['GPU', 'FPGA', 'NPU', 'OTHER'],
  StorageLifecycle: ['managed', 'unmanaged'],
};

/** A member of an object type. */
export interface LeafProp {
  name: string;
  leaf: LeafType;
  attribute?: boolean;
  required?: boolean;
  /** Leaf type by `kind` of the enclosing object (e.g. `value` of the integer-value update). */
  byKind?: Record<string, LeafType>;
  /**
   * The member may also be a list of two or more such values (a requested start, EB-SCH-12), written as the
   * element repeated once per value; one value is one element. JSON forbids one-item lists here, so the
   * round trip is exact.
   */
  repeats?: true;
}

export type Prop =
  | LeafProp
  | { name: string; object: TypeName; required?: boolean }
  | { name: string; list: { item: string; of: LeafType | { object: TypeName } }; required?: boolean }
  | { name: string; map: true; required?: boolean };

export type TypeName =
  | 'ExecutionRequest'
  | 'OfferSetResponse'
  | 'ExecutionSession'
  | 'Update'
  | 'ErrorResponse'
  | 'ComponentMetadata'
  | 'LifecycleSchedule'
  | 'StartInstant'
  | 'StartInterval'
  | 'RequestedSchedule'
  | 'RequestedScheduleItem'
  | 'MessageItem'
  | 'Option'
  | 'SessionConnector'
  | 'CostItem'
  | 'MetricItem'
  | 'Executable'
  | 'ExecutableParameter'
  | 'DockerImage'
  | 'DockerPlatform'
  | 'DockerNetwork'
  | 'DockerPort'
  | 'DockerInternalPort'
  | 'DockerExternalPort'
  | 'ComputeResource'
  | 'Accelerator'
  | 'StorageResource'
  | 'VolumeMount'
  | 'DataResource'
  | 'RucioBlock'
  | 'IvoaBlock'
  | 'IvoaObsCore'
  | 'IvoaDataLink'
  | 'SkaoBlock'
  | 'SkaoChecksum'
  | 'SkaoReplica'
  | 'MinMaxLong';

export interface TypeDef {
  props: readonly Prop[];
}

// Reusable member groups (the allOf parts of the object model).
const component = (kindRequired: boolean): Prop[] => [
  { name: 'kind', leaf: 'uri', attribute: true, required: kindRequired },
  { name: 'meta', object: 'ComponentMetadata' },
  { name: 'costs', list: { item: 'cost', of: { object: 'CostItem' } } },
  { name: 'metrics', list: { item: 'metric', of: { object: 'MetricItem' } } },
];
const lifecycle: Prop[] = [
  { name: 'phase', leaf: { enum: 'LifecyclePhase' } },
  { name: 'schedule', object: 'LifecycleSchedule' },
];
const minMaxItem = (): Prop[] => [
  { name: 'kind', leaf: 'uri', attribute: true, required: true },
  { name: 'type', leaf: 'uri' },
  { name: 'description', leaf: 'string' },
  { name: 'min', leaf: 'amount' },
  { name: 'max', leaf: 'amount' },
];
const minMaxLong = (): Prop[] => [
  { name: 'min', leaf: 'count' },
  { name: 'max', leaf: 'count' },
];

export const TYPES: Record<TypeName, TypeDef> = {
  // --- documents -------------------------------------------------------------------------
  ExecutionRequest: {
    props: [
      { name: 'executable', object: 'Executable' },
      { name: 'compute', object: 'ComputeResource' },
      { name: 'storage', list: { item: 'resource', of: { object: 'StorageResource' } } },
      { name: 'data', list: { item: 'resource', of: { object: 'DataResource' } } },
      { name: 'schedule', object: 'RequestedSchedule' },
      { name: 'costs', list: { item: 'cost', of: { object: 'CostItem' } } },
      { name: 'metrics', list: { item: 'metric', of: { object: 'MetricItem' } } },
    ],
  },
  OfferSetResponse: {
    props: [
      ...component(false),
      { name: 'result', leaf: { enum: 'OfferSetResult' } },
      { name: 'description', leaf: 'string' },
      { name: 'offers', list: { item: 'offer', of: { object: 'ExecutionSession' } } },
    ],
  },
  ExecutionSession: {
    props: [
      ...component(true),
      { name: 'phase', leaf: { enum: 'SessionPhase' } },
      { name: 'expires', leaf: 'date-time' },
      { name: 'executable', object: 'Executable' },
      { name: 'compute', object: 'ComputeResource' },
      { name: 'storage', list: { item: 'resource', of: { object: 'StorageResource' } } },
      { name: 'data', list: { item: 'resource', of: { object: 'DataResource' } } },
      { name: 'connectors', list: { item: 'connector', of: { object: 'SessionConnector' } } },
      { name: 'schedule', object: 'LifecycleSchedule' },
    ],
  },
  Update: {
    props: [
      { name: 'kind', leaf: 'uri', attribute: true, required: true },
      { name: 'path', leaf: 'string', required: true },
      // string for string/enum updates; integer for the integer-value update
      { name: 'value', leaf: 'string', byKind: { 'uri:integer-value-update': 'integer' } },
      { name: 'delta', leaf: 'integer' },
      { name: 'units', leaf: 'string' },
    ],
  },
  ErrorResponse: {
    props: [
      { name: 'status', leaf: 'int32', required: true },
      { name: 'error', leaf: { enum: 'ErrorCode' }, required: true },
      { name: 'code', leaf: { pattern: 'SpecificErrorCode' }, required: true },
      { name: 'message', leaf: 'string', required: true },
      { name: 'path', leaf: 'string' },
      { name: 'messages', list: { item: 'message', of: { object: 'MessageItem' } } },
    ],
  },

  // --- core ------------------------------------------------------------------------------
  ComponentMetadata: {
    props: [
      { name: 'uuid', leaf: 'uuid' },
      { name: 'name', leaf: 'string' },
      { name: 'url', leaf: 'uri' },
      { name: 'description', leaf: 'string' },
      { name: 'created', leaf: 'date-time' },
      { name: 'modified', leaf: 'date-time' },
      { name: 'messages', list: { item: 'message', of: { object: 'MessageItem' } } },
      { name: 'options', list: { item: 'option', of: { object: 'Option' } } },
    ],
  },
  LifecycleSchedule: {
    props: [
      { name: 'preparing', object: 'StartInstant' },
      { name: 'available', object: 'StartInterval' },
      { name: 'releasing', object: 'StartInstant' },
    ],
  },
  StartInstant: {
    props: [
      { name: 'start', leaf: { pattern: 'ISO8601Instant' } },
      { name: 'duration', leaf: { pattern: 'ISO8601Duration' } },
    ],
  },
  StartInterval: {
    props: [
      { name: 'start', leaf: { pattern: 'ISO8601Interval' } },
      { name: 'duration', leaf: { pattern: 'ISO8601Duration' } },
    ],
  },
  RequestedSchedule: {
    props: [{ name: 'requested', object: 'RequestedScheduleItem' }],
  },
  // A requested start may also be a bare instant or date (EB-SCH-01), unlike an offered one.
  RequestedScheduleItem: {
    props: [
      { name: 'start', leaf: { pattern: 'ISO8601StartRange' }, repeats: true },
      { name: 'duration', leaf: { pattern: 'ISO8601Duration' } },
    ],
  },
  MessageItem: {
    props: [
      { name: 'kind', leaf: 'string', attribute: true },
      { name: 'time', leaf: 'date-time' },
      { name: 'level', leaf: { enum: 'MessageLevel' } },
      { name: 'template', leaf: 'string' },
      { name: 'values', map: true },
      { name: 'message', leaf: 'string' },
    ],
  },
  Option: {
    props: [
      { name: 'kind', leaf: 'string', attribute: true, required: true },
      { name: 'path', leaf: 'string', required: true },
      { name: 'pattern', leaf: 'string' },
      { name: 'values', list: { item: 'value', of: 'string' } },
      { name: 'min', leaf: 'integer' },
      { name: 'max', leaf: 'integer' },
      { name: 'units', leaf: 'string' },
    ],
  },
  SessionConnector: {
    props: [
      { name: 'kind', leaf: 'string', attribute: true },
      { name: 'status', leaf: { enum: 'ConnectorStatus' } },
      { name: 'protocol', leaf: 'string' },
      { name: 'location', leaf: 'string' },
    ],
  },
  // Costs and metrics share one structure (a kind, a meaning and a min/max quote).
  CostItem: { props: minMaxItem() },
  MetricItem: { props: minMaxItem() },

  // --- executables (docker ∪ singularity ∪ jupyter) -----------------------------------------
  Executable: {
    props: [
      ...component(true),
      ...lifecycle,
      { name: 'image', object: 'DockerImage' },
      { name: 'privileged', leaf: 'boolean' },
      { name: 'command', list: { item: 'arg', of: 'string' } },
      { name: 'entrypoint', leaf: 'string' },
      { name: 'environment', map: true },
      { name: 'network', object: 'DockerNetwork' },
      { name: 'location', leaf: 'string' },
      { name: 'inputs', list: { item: 'input', of: { object: 'ExecutableParameter' } } },
      { name: 'outputs', list: { item: 'output', of: { object: 'ExecutableParameter' } } },
    ],
  },
  // A named input or output wired to a data or storage resource (EB-REF-07).
  ExecutableParameter: {
    props: [
      { name: 'name', leaf: 'string', required: true },
      { name: 'description', leaf: 'string' },
      { name: 'resource', leaf: 'string', required: true },
      { name: 'env', leaf: 'string' },
      { name: 'path', leaf: 'string' },
    ],
  },
  DockerImage: {
    props: [
      { name: 'locations', list: { item: 'location', of: 'string' } },
      { name: 'digest', leaf: 'string' },
      { name: 'platform', object: 'DockerPlatform' },
    ],
  },
  DockerPlatform: {
    props: [
      { name: 'architecture', leaf: 'string' },
      { name: 'os', leaf: 'string' },
    ],
  },
  DockerNetwork: {
    props: [{ name: 'ports', list: { item: 'port', of: { object: 'DockerPort' } } }],
  },
  DockerPort: {
    props: [
      { name: 'access', leaf: 'boolean' },
      { name: 'internal', object: 'DockerInternalPort' },
      { name: 'external', object: 'DockerExternalPort' },
      { name: 'protocol', leaf: 'string' },
      { name: 'path', leaf: 'string' },
    ],
  },
  DockerInternalPort: {
    props: [{ name: 'port', leaf: 'port' }],
  },
  DockerExternalPort: {
    props: [
      { name: 'port', leaf: 'port' },
      { name: 'addresses', list: { item: 'address', of: 'string' } },
    ],
  },

  // --- compute, storage, volumes -----------------------------------------------------------
  ComputeResource: {
    props: [
      ...component(true),
      ...lifecycle,
      { name: 'volumes', list: { item: 'volume', of: { object: 'VolumeMount' } } },
      { name: 'cores', object: 'MinMaxLong' },
      { name: 'memory', object: 'MinMaxLong' },
      { name: 'accelerators', list: { item: 'accelerator', of: { object: 'Accelerator' } } },
    ],
  },
  // The toolkit's accelerator kind (EB-KIND-05): no lifecycle of its own.
  Accelerator: {
    props: [
      ...component(true),
      { name: 'type', leaf: { enum: 'AcceleratorType' } },
      { name: 'count', object: 'MinMaxLong' },
      { name: 'vendor', leaf: 'string' },
      { name: 'model', leaf: 'string' },
      { name: 'memory', object: 'MinMaxLong' },
    ],
  },
  MinMaxLong: { props: minMaxLong() },
  StorageResource: {
    props: [
      ...component(true),
      ...lifecycle,
      { name: 'data', list: { item: 'ref', of: 'string' } },
      { name: 'size', object: 'MinMaxLong' },
      { name: 'lifecycle', leaf: { enum: 'StorageLifecycle' } },
      { name: 'lifetime', leaf: { pattern: 'ISO8601Duration' } },
      { name: 'location', leaf: 'uri' },
    ],
  },
  VolumeMount: {
    props: [
      ...component(true),
      { name: 'path', leaf: 'string' },
      { name: 'mode', leaf: { enum: 'VolumeMode' } },
      { name: 'resource', leaf: 'string' },
    ],
  },

  // --- data (simple ∪ S3 ∪ rucio ∪ ivoa ∪ skao) ------------------------------------------------
  DataResource: {
    props: [
      ...component(true),
      ...lifecycle,
      { name: 'storage', leaf: 'string' },
      { name: 'location', leaf: 'string' },
      { name: 'endpoint', leaf: 'string' },
      { name: 'template', leaf: 'string' },
      { name: 'bucket', leaf: 'string' },
      { name: 'object', leaf: 'string' },
      { name: 'rucio', object: 'RucioBlock' },
      { name: 'ivoa', object: 'IvoaBlock' },
      { name: 'skao', object: 'SkaoBlock' },
    ],
  },
  RucioBlock: {
    props: [
      { name: 'endpoint', leaf: 'string' },
      { name: 'scope', leaf: 'string' },
      { name: 'object', leaf: 'string' },
      { name: 'type', leaf: { enum: 'DataObjectType' } },
    ],
  },
  IvoaBlock: {
    props: [
      { name: 'ivoid', leaf: 'uri' },
      { name: 'obscore', object: 'IvoaObsCore' },
      { name: 'datalink', object: 'IvoaDataLink' },
    ],
  },
  IvoaObsCore: {
    props: [
      { name: 'obs_id', leaf: 'string' },
      { name: 'obs_collection', leaf: 'string' },
      { name: 'obs_publisher_did', leaf: 'string' },
      { name: 'obs_creator_did', leaf: 'string' },
      { name: 'dataproduct_type', leaf: 'string' },
      { name: 'calib_level', leaf: 'int32' },
      { name: 'access_url', leaf: 'string' },
      { name: 'access_format', leaf: 'string' },
    ],
  },
  IvoaDataLink: {
    props: [
      { name: 'ID', leaf: 'string' },
      { name: 'access_url', leaf: 'string' },
      { name: 'service_def', leaf: 'string' },
      { name: 'error_message', leaf: 'string' },
      { name: 'description', leaf: 'string' },
      { name: 'semantics', leaf: 'string' },
      { name: 'content_type', leaf: 'string' },
      { name: 'content_length', leaf: 'count' },
      { name: 'content_qualifier', leaf: 'string' },
      { name: 'local_semantics', leaf: 'string' },
      { name: 'link_auth', leaf: 'string' },
      { name: 'link_authorized', leaf: 'string' },
    ],
  },
  SkaoBlock: {
    props: [
      { name: 'namespace', leaf: 'string' },
      { name: 'objectname', leaf: 'string' },
      { name: 'objecttype', leaf: { enum: 'DataObjectType' } },
      { name: 'datasize', leaf: 'count' },
      { name: 'checksum', object: 'SkaoChecksum' },
      { name: 'replicas', list: { item: 'replica', of: { object: 'SkaoReplica' } } },
    ],
  },
  SkaoChecksum: {
    props: [
      { name: 'type', leaf: 'string' },
      { name: 'value', leaf: 'string' },
    ],
  },
  SkaoReplica: {
    props: [
      { name: 'rsename', leaf: 'string' },
      { name: 'dataurl', leaf: 'string' },
    ],
  },
};

/** Root element ↔ document type ↔ root object type. */
export const ROOTS: Record<DocumentType, { element: string; type: TypeName }> = {
  request: { element: 'offers-request', type: 'ExecutionRequest' },
  offerset: { element: 'offers-response', type: 'OfferSetResponse' },
  session: { element: 'execution', type: 'ExecutionSession' },
  update: { element: 'update', type: 'Update' },
  error: { element: 'error', type: 'ErrorResponse' },
};

/** The element name of a map entry and its key attribute. */
export const MAP_ENTRY = { element: 'entry', keyAttribute: 'name' } as const;

export function docTypeOfRoot(element: string): DocumentType | undefined {
  for (const [docType, root] of Object.entries(ROOTS) as [DocumentType, { element: string }][]) {
    if (root.element === element) return docType;
  }
  return undefined;
}

const propIndex = new Map<string, Map<string, Prop>>();

/** Looks a member up by its JSON/XML name (they are the same, README §names). */
export function findProp(type: TypeName, name: string): Prop | undefined {
  let index = propIndex.get(type);
  if (!index) {
    index = new Map(TYPES[type].props.map((p) => [p.name, p]));
    propIndex.set(type, index);
  }
  return index.get(name);
}

export function propsOf(type: TypeName): readonly Prop[] {
  return TYPES[type].props;
}

/** The leaf type of a member, taking a kind-dependent override into account. */
export function leafTypeFor(prop: LeafProp, kind: unknown): LeafType {
  if (prop.byKind && typeof kind === 'string') return prop.byKind[kind] ?? prop.leaf;
  return prop.leaf;
}
