import type { Variant } from './variant.js';
import { startProxied } from '../mutants/proxy.js';
import { refuseXml } from './no-xml.js';

/** No XML; an XML body sent with Accept: application/xml gets 406 (Accept checked first): conformant too. */
const variant: Variant = {
  id: 'no-xml-406-first',
  description: 'No XML: 406 to an Accept only of XML, checked before the body (415)',
  start: () => startProxied({ request: refuseXml('406-first') }),
};

export default variant;
