/** POST /requests (an offer set) and POST /direct (one accepted session). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderOfferSet, renderSession, offerSetUrl, sessionUrl } from '../../documents.js';
import type { JsonRecord } from '../../../util/index.js';
import type { Answer, Kit } from '../kit.js';

export function requestRoutes(app: FastifyInstance, kit: Kit): void {
  const { service } = kit.deps;

  /** Auth, then the body read and validated as an ExecutionRequest; `handle` answers a usable one. */
  const onRequest =
    (handle: (request: JsonRecord, owner: string | null, req: FastifyRequest) => Answer) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const denied = kit.unauthenticated(req);
      if (denied) return kit.send(req, reply, denied);
      const body = kit.readBody(req, 'request');
      if (!body.ok) return kit.send(req, reply, body.answer);
      return kit.send(req, reply, handle(body.value, kit.owner(req), req));
    };

  app.post(
    '/requests',
    onRequest((request, owner, req) => {
      const { offerset, sessions } = service.submit(request, owner);
      const c = kit.render(req);
      return {
        status: 303,
        location: offerSetUrl(c.baseUrl, offerset.uuid),
        value: renderOfferSet(offerset, sessions, c),
        docType: 'offerset',
      };
    }),
  );

  app.post(
    '/direct',
    onRequest((request, owner, req) => {
      const { row, ok } = service.direct(request, owner);
      const c = kit.render(req);
      const value = renderSession(row, c);
      return ok
        ? { status: 303, location: sessionUrl(c.baseUrl, row.uuid), value, docType: 'session' }
        : { status: 400, value, docType: 'session' };
    }),
  );
}
