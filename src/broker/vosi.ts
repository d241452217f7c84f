/** VOSI 1.1 documents (DOMAIN.md §6.1): capabilities and availability, XML in the VOSI namespaces. */
import { escapeMarkup } from '../util/index.js';

export interface VosiContext {
  baseUrl: string;
  standardID: string;
  /** When the service started (reported as upSince). */
  upSince: string;
  /** Result of the broker's health check (its store answers). */
  available: boolean;
  /** Why it is not available, when another reason than its store (an aggregator whose brokers are all away). */
  unavailableNote?: string;
  /**
   * Executable kinds the service runs, listed in its ExecutionBroker capability as `<ebkit:executableKind>`
   * (an ebkit convention, in its own namespace so VOResource readers skip it); aggregators route by them.
   */
  executableKinds?: readonly string[];
}

/** Namespace of the toolkit's own additions to VOSI documents. */
export const EBKIT_VOSI_NS = 'urn:ebkit:vosi';

export type VosiDocument = (ctx: VosiContext) => string;

export const capabilitiesXml: VosiDocument = ({ baseUrl, standardID, executableKinds }) => {
  const b = escapeMarkup(baseUrl);
  const kinds = (executableKinds ?? [])
    .map((k) => `\n    <ebkit:executableKind xmlns:ebkit="${EBKIT_VOSI_NS}">${escapeMarkup(k)}</ebkit:executableKind>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0"
    xmlns:vr="http://www.ivoa.net/xml/VOResource/v1.0"
    xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <capability standardID="ivo://ivoa.net/std/VOSI#capabilities">
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">${b}/capabilities</accessURL></interface>
  </capability>
  <capability standardID="ivo://ivoa.net/std/VOSI#availability">
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">${b}/availability</accessURL></interface>
  </capability>
  <capability standardID="${escapeMarkup(standardID)}">
    <interface xsi:type="vs:ParamHTTP" role="std" version="1.0"><accessURL use="base">${b}/</accessURL></interface>${kinds}
  </capability>
</vosi:capabilities>
`;
};

export const availabilityXml: VosiDocument = ({
  upSince,
  available,
  unavailableNote,
}) => `<?xml version="1.0" encoding="UTF-8"?>
<vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0">
  <vosi:available>${available}</vosi:available>
  ${available ? `<vosi:upSince>${escapeMarkup(upSince)}</vosi:upSince>` : ''}
  <vosi:note>${available ? 'accepting execution requests' : escapeMarkup(unavailableNote ?? 'the session store is not answering')}</vosi:note>
</vosi:availability>
`;
