// GENERATED from schema/json by test/validate/known-kinds.test.ts (EBKIT_UPDATE=1 npx vitest run test/validate/known-kinds.test.ts).
// The kinds the schema dispatches on and the member names of each concrete type; a drift test keeps it equal to the schema.
import type { DocumentType } from '../findings.js';
import type { Family } from './walker.js';

export interface KnownKind {
  readonly family: Family;
  readonly properties: readonly string[];
}

export const KNOWN_KINDS: Readonly<Record<string, KnownKind>> = {
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/accelerator/simple-accelerator.yaml": { family: 'accelerator', properties: ["costs","count","kind","memory","meta","metrics","model","type","vendor"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml": { family: 'compute', properties: ["accelerators","cores","costs","kind","memory","meta","metrics","phase","schedule","volumes"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/costs/abstract-cost-item.yaml": { family: 'cost', properties: ["description","kind","type"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/costs/simple-minmax-float-cost.yaml": { family: 'cost', properties: ["description","kind","max","min","type"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/data/ivoa-data-resource.yaml": { family: 'data', properties: ["costs","ivoa","kind","meta","metrics","phase","schedule","storage"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/data/rucio-data-resource.yaml": { family: 'data', properties: ["costs","kind","meta","metrics","phase","rucio","schedule","storage"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/data/S3-data-resource.yaml": { family: 'data', properties: ["bucket","costs","endpoint","kind","meta","metrics","object","phase","schedule","storage","template"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/data/simple-data-resource.yaml": { family: 'data', properties: ["costs","kind","location","meta","metrics","phase","schedule","storage"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/data/skao-data-resource.yaml": { family: 'data', properties: ["costs","ivoa","kind","meta","metrics","phase","schedule","skao","storage"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml": { family: 'executable', properties: ["command","costs","entrypoint","environment","image","inputs","kind","meta","metrics","network","outputs","phase","privileged","schedule"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml": { family: 'executable', properties: ["costs","inputs","kind","location","meta","metrics","outputs","phase","schedule"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/singularity-container.yaml": { family: 'executable', properties: ["costs","inputs","kind","location","meta","metrics","outputs","phase","schedule"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/metrics/abstract-metric-item.yaml": { family: 'metric', properties: ["description","kind","type"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/metrics/simple-minmax-float-metric.yaml": { family: 'metric', properties: ["description","kind","max","min","type"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/session/scheduled-execution-session.yaml": { family: 'session', properties: ["compute","connectors","costs","data","executable","expires","kind","meta","metrics","phase","schedule","storage"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/session/simple-execution-session.yaml": { family: 'session', properties: ["compute","connectors","costs","data","executable","expires","kind","meta","metrics","phase","storage"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/storage/simple-storage-resource.yaml": { family: 'storage', properties: ["costs","data","kind","lifecycle","lifetime","location","meta","metrics","phase","schedule","size"] },
  "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/volume/simple-volume-mount.yaml": { family: 'volume', properties: ["costs","kind","meta","metrics","mode","path","resource"] },
  "uri:enum-value-option": { family: 'option', properties: ["kind","path","values"] },
  "uri:enum-value-update": { family: 'update', properties: ["kind","path","value"] },
  "uri:integer-delta-option": { family: 'option', properties: ["kind","max","min","path","units"] },
  "uri:integer-delta-update": { family: 'update', properties: ["delta","kind","path","units"] },
  "uri:integer-value-option": { family: 'option', properties: ["kind","max","min","path","units"] },
  "uri:integer-value-update": { family: 'update', properties: ["kind","path","units","value"] },
  "uri:string-value-option": { family: 'option', properties: ["kind","path","pattern"] },
  "uri:string-value-update": { family: 'update', properties: ["kind","path","value"] },
};

/** Member names of the document roots that carry no kind dispatch (request, offer set). */
export const DOCUMENT_MEMBERS: Readonly<Partial<Record<DocumentType, readonly string[]>>> = {
  offerset: ["costs","description","kind","meta","metrics","offers","result"],
  request: ["compute","costs","data","executable","metrics","schedule","storage"],
};

/** Units values the standard lists (EB-DM-04). */
export const KNOWN_UNITS: ReadonlySet<string> = new Set(["kB","kiB","MB","MiB","GB","GiB","TB","TiB","PB","PiB","EB","EiB","ZB","ZiB","YB","YiB"]);
