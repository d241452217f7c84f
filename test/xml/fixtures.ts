/** Documents covering every kind and member of the mapping, for round-trip and XSD tests. */
import type { DocumentType } from '../../src/findings.js';

const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/';

const message = {
  kind: 'urn:resource-limit',
  time: '2026-08-14T10:55:00.120Z',
  level: 'WARN',
  template: 'Minimum cores [${cores}] exceed [${limit}]',
  values: { cores: '64', limit: '16', 'odd key/with~chars': '' },
  message: 'Minimum cores [64] exceed [16]',
};

const options = [
  { kind: 'uri:enum-value-option', path: 'phase', values: ['ACCEPTED', 'REJECTED'] },
  { kind: 'uri:string-value-option', path: '/meta/description', pattern: '^[a-z <&>"]+$' },
  { kind: 'uri:integer-value-option', path: '/compute/cores/min', min: 1, max: 16, units: 'cores' },
  { kind: 'uri:integer-delta-option', path: '/schedule/available/duration', min: -3600, max: 7200, units: 's' },
];

const schedule = {
  preparing: { start: '2026-08-14T11:05:00Z', duration: 'PT5M' },
  available: { start: '2026-08-14T11:10:00Z/PT0S', duration: 'PT1H' },
  releasing: { start: '2026-08-14T12:10:00Z', duration: 'PT1M' },
};

const cost = {
  kind: `${K}costs/simple-minmax-float-cost.yaml`,
  type: 'urn:ivoa:calycopis:cost:energy',
  description: 'kWh',
  min: 0.25,
  max: 1e-7,
};
const metric = {
  kind: `${K}metrics/simple-minmax-float-metric.yaml`,
  type: 'urn:ivoa:calycopis:metric:io-throughput',
  min: 100,
  max: 250.5,
};

const docker = {
  kind: `${K}executable/docker-container.yaml`,
  meta: { name: 'tool', description: '  leading and trailing spaces  ', messages: [message], options },
  phase: 'PREPARING',
  schedule,
  costs: [cost, { kind: `${K}costs/abstract-cost-item.yaml`, type: 'urn:ivoa:calycopis:cost:carbon' }],
  metrics: [metric, { kind: `${K}metrics/abstract-metric-item.yaml` }],
  image: {
    locations: ['ghcr.io/a/b:1', 'docker.io/a/b:1'],
    digest: 'sha256:00ff',
    platform: { architecture: 'arm64', os: 'linux' },
  },
  privileged: false,
  command: ['sh', '-c', 'echo "a < b && c > d"\n\tdone\r\n'],
  entrypoint: '/bin/entry',
  environment: { INPUT: '/input', EMPTY: '', 'WITH SPACE': 'x & y', UNICODE: 'Ωmega 🚀' },
  network: {
    ports: [
      {
        access: true,
        internal: { port: 8888 },
        external: { port: 30001, addresses: ['192.0.2.1', '2001:db8::1'] },
        protocol: 'HTTPS',
        path: '/lab',
      },
      { access: false, internal: { port: 22 } },
    ],
  },
};

const jupyter = { kind: `${K}executable/jupyter-notebook.yaml`, location: 'https://example.org/nb.ipynb' };
const singularity = {
  kind: `${K}executable/singularity-container.yaml`,
  location: 'https://example.org/image.sif',
  privileged: true,
};

const compute = {
  kind: `${K}compute/simple-compute-resource.yaml`,
  meta: {
    name: 'compute-001',
    uuid: '2e164a1b-7ff6-11ef-8412-4bc36fe2face',
    url: 'https://b.example.org/compute/1',
    created: '2026-08-14T10:55:00Z',
    modified: '2026-08-14T10:56:00+02:00',
  },
  phase: 'AVAILABLE',
  cores: { min: 2, max: 9007199254740991 },
  memory: { min: 0 },
  volumes: [
    {
      kind: `${K}volume/simple-volume-mount.yaml`,
      meta: { name: 'in' },
      path: '/input',
      mode: 'READONLY',
      resource: 'data-simple',
    },
    { kind: `${K}volume/simple-volume-mount.yaml`, path: '/scratch', mode: 'READWRITE', resource: 'scratch' },
  ],
};

const storage = [
  {
    kind: `${K}storage/simple-storage-resource.yaml`,
    meta: { name: 'scratch' },
    size: { min: 10, max: 20 },
    data: ['data-simple', 'data-s3'],
    phase: 'WAITING',
  },
  { kind: `${K}storage/simple-storage-resource.yaml`, data: [] },
];

const data = [
  {
    kind: `${K}data/simple-data-resource.yaml`,
    meta: { name: 'data-simple' },
    location: 'https://data.example.org/x.vot',
    storage: 'scratch',
  },
  {
    kind: `${K}data/S3-data-resource.yaml`,
    meta: { name: 'data-s3' },
    endpoint: 'https://s3.example.org',
    template: 'https://{bucket}.s3/{object}',
    bucket: 'b',
    object: '',
  },
  {
    kind: `${K}data/rucio-data-resource.yaml`,
    rucio: { endpoint: 'https://rucio.example.org', scope: 'sc', object: 'o', type: 'DATASET' },
  },
  {
    kind: `${K}data/ivoa-data-resource.yaml`,
    ivoa: {
      ivoid: 'ivo://example.org/data?x',
      obscore: {
        obs_id: 'o1',
        obs_collection: 'c',
        obs_publisher_did: 'ivo://p',
        obs_creator_did: 'ivo://c',
        dataproduct_type: 'image',
        calib_level: 2,
        access_url: 'https://a',
        access_format: 'application/fits',
      },
      datalink: {
        ID: 'ivo://id',
        access_url: 'https://dl',
        service_def: 'sd',
        error_message: 'none',
        description: 'd',
        semantics: '#this',
        content_type: 'image/fits',
        content_length: 2147483647,
        content_qualifier: 'q',
        local_semantics: 'l',
        link_auth: 'optional',
        link_authorized: 'true',
      },
    },
  },
  {
    kind: `${K}data/skao-data-resource.yaml`,
    ivoa: { ivoid: 'ivo://skao.int/x' },
    skao: {
      namespace: 'ns',
      objectname: 'obj',
      objecttype: 'FILE',
      datasize: 1234567890123,
      checksum: { type: 'ADLER32', value: '0a1b2c3d' },
      replicas: [
        { rsename: 'RSE-1', dataurl: 'https://rse1/x' },
        { rsename: 'RSE-2', dataurl: 'https://rse2/x' },
      ],
    },
  },
];

export const request = {
  executable: docker,
  compute,
  storage,
  data,
  schedule: { requested: { start: '2026-08-14T11:00:00Z/2026-08-14T13:00:00Z', duration: 'PT1H' } },
  costs: [cost],
  metrics: [metric],
};

const session = (phase: string, executable: object, extra: object = {}) => ({
  kind: `${K}session/scheduled-execution-session.yaml`,
  meta: {
    uuid: '2e164a1b-7ff6-11ef-8412-4bc36fe2face',
    url: 'https://b.example.org/sessions/2e164a1b-7ff6-11ef-8412-4bc36fe2face',
    options: [options[0]],
  },
  phase,
  executable,
  compute,
  storage,
  data,
  schedule,
  costs: [cost],
  metrics: [metric],
  ...extra,
});

export const offerset = {
  kind: `${K}offerset/execution-offerset.yaml`,
  meta: { uuid: '7f6c2a5e-3b1d-4c8e-9a7f-2d4b6e8f0a11', created: '2026-08-14T10:55:00Z', messages: [message] },
  result: 'YES',
  description: 'two offers',
  offers: [
    session('OFFERED', jupyter, { expires: '2026-08-14T11:00:00Z' }),
    session('OFFERED', singularity, { kind: `${K}session/simple-execution-session.yaml`, schedule: undefined }),
  ],
};

export const sessionAvailable = session('AVAILABLE', docker, {
  connectors: [
    {
      kind: 'urn:connector:jupyter',
      status: 'AVAILABLE',
      protocol: 'HTTPS',
      location: 'https://nb.example.org/lab?token=a&b=c',
    },
    { status: 'PREPARING' },
  ],
});

export const updates = [
  { kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' },
  { kind: 'uri:string-value-update', path: '/meta/description', value: '42' },
  { kind: 'uri:integer-value-update', path: '/compute/cores/min', value: 4, units: 'cores' },
  { kind: 'uri:integer-delta-update', path: '/schedule/available/duration', delta: -600, units: 's' },
];

export const errorDoc = {
  status: 422,
  error: 'UNPROCESSABLE_CONTENT',
  code: 'INVALID_DOCUMENT',
  message: 'The request is not valid.',
  path: '/requests',
  messages: [
    {
      kind: 'urn:ebkit:finding:EB-DM-01',
      level: 'ERROR',
      message: 'min > max',
      values: { pointer: '/compute/cores', line: '12', column: '5' },
    },
  ],
};

/** An extension kind with members the table does not know (open model). */
export const extensionRequest = {
  executable: {
    kind: 'https://example.org/kinds/zeppelin-notebook.yaml',
    meta: { name: 'z' },
    notebook: { url: 'https://z.example.org', pages: [1, 2.5, 'three', true, null, { deep: [] }], empty: {} },
    flag: false,
    nothing: null,
  },
  'x-vendor': 'abc',
};

export const ALL: { name: string; type: DocumentType; doc: unknown }[] = [
  { name: 'request with every executable member, all data kinds', type: 'request', doc: request },
  { name: 'request with jupyter', type: 'request', doc: { executable: jupyter } },
  { name: 'empty request', type: 'request', doc: {} },
  { name: 'offerset YES with sessions of both kinds', type: 'offerset', doc: offerset },
  {
    name: 'offerset NO with no offers',
    type: 'offerset',
    doc: { result: 'NO', meta: { messages: [message] }, offers: [] },
  },
  { name: 'session with connectors and schedule', type: 'session', doc: sessionAvailable },
  ...updates.map((u) => ({ name: `update ${u.kind}`, type: 'update' as const, doc: u })),
  { name: 'error document', type: 'error', doc: errorDoc },
  { name: 'extension kind with unknown members', type: 'request', doc: extensionRequest },
];
