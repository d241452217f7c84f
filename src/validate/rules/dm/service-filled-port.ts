import { defineRule } from '../../rule.js';
import { isObject } from '../../../util/index.js';

/** EB-DM-11: the external side of a Docker port is the service's to fill in; a request leaves it out. */
export default defineRule({
  slug: 'service-filled-port',
  requirements: ['EB-DM-11'],
  appliesTo: ['request'],
  check(ctx) {
    const exe = ctx.nodes.request?.executable;
    const network = exe?.value.network;
    if (!exe || !isObject(network) || !Array.isArray(network.ports)) return;
    network.ports.forEach((port, i) => {
      if (!isObject(port) || port.external === undefined) return;
      ctx.report({
        requirement: 'EB-DM-11',
        pointer: `${exe.pointer}/network/ports/${i}/external`,
        message:
          'the external port and addresses are filled in by the service in its offer; a request leaves them out (a broker may answer NO)',
        params: { external: port.external },
      });
    });
  },
});
