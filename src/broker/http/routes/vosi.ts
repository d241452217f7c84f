/** The VOSI documents: GET /capabilities and GET /availability (XML whatever Accept says). */
import type { FastifyInstance } from 'fastify';
import type { VosiDocument } from '../../vosi.js';
import type { Kit } from '../kit.js';
import { answerMediaType } from '../../stages.js';

export function vosiRoutes(app: FastifyInstance, kit: Kit): void {
  const { deps } = kit;
  const vosi = (path: string, doc: VosiDocument): void => {
    app.get(path, async (req, reply) => {
      const healthy = deps.healthy();
      const kinds = deps.executableKinds();
      const xml = doc({
        baseUrl: deps.baseUrl(req),
        standardID: deps.standardID,
        upSince: deps.upSince,
        available: healthy,
        ...(kinds ? { executableKinds: kinds } : {}),
      });
      const label = answerMediaType(deps.stages, req.headers.accept, 'xml');
      return reply.code(200).header('content-type', `${label}; charset=utf-8`).send(xml);
    });
  };
  vosi('/capabilities', deps.capabilities);
  vosi('/availability', deps.availability);
}
