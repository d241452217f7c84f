/** POST /requests (an offer set) and POST /direct (one accepted session). */
import type { FastifyInstance } from 'fastify';
import { renderOfferSet, renderSession, offerSetUrl, sessionUrl } from '../../documents.js';
import type { Kit } from '../kit.js';

export function requestRoutes(app: FastifyInstance, kit: Kit): void {
  const { service } = kit.deps;

  app.post('/requests', async (req, reply) => {
    const denied = kit.unauthenticated(req);
    if (denied) return kit.send(req, reply, denied);
    const body = kit.readBody(req, 'request');
    if (!body.ok) return kit.send(req, reply, body.answer);
    const { offerset, sessions } = service.submit(body.value, kit.owner(req));
    const c = kit.render(req);
    const url = offerSetUrl(c.baseUrl, offerset.uuid);
    return kit.send(req, reply, { status: 303, location: url, value: renderOfferSet(offerset, sessions, c), docType: 'offerset' });
  });

  app.post('/direct', async (req, reply) => {
    const denied = kit.unauthenticated(req);
    if (denied) return kit.send(req, reply, denied);
    const body = kit.readBody(req, 'request');
    if (!body.ok) return kit.send(req, reply, body.answer);
    const { row, ok } = service.direct(body.value, kit.owner(req));
    const c = kit.render(req);
    const value = renderSession(row, c);
    return kit.send(req, reply, ok ? { status: 303, location: sessionUrl(c.baseUrl, row.uuid), value, docType: 'session' } : { status: 400, value, docType: 'session' });
  });
}
