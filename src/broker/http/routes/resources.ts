/** GET /offersets/{uuid}, GET /sessions/{uuid} and POST /sessions/{uuid} (an update). */
import type { FastifyInstance } from 'fastify';
import { renderOfferSet, renderSession } from '../../documents.js';
import type { Kit } from '../kit.js';
import { updateIdentityRefusal } from '../update-identity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function resourceRoutes(app: FastifyInstance, kit: Kit): void {
  const { service } = kit.deps;

  app.get<{ Params: { uuid: string } }>('/offersets/:uuid', async (req, reply) => {
    const found = UUID.test(req.params.uuid)
      ? service.offerSet(req.params.uuid.toLowerCase(), kit.owner(req))
      : undefined;
    if (!found) return kit.send(req, reply, kit.error(req, 'UNKNOWN_OFFERSET', `No offer set ${req.params.uuid}.`));
    return kit.send(req, reply, {
      status: 200,
      value: renderOfferSet(found.offerset, found.sessions, kit.render(req)),
      docType: 'offerset',
    });
  });

  app.get<{ Params: { uuid: string } }>('/sessions/:uuid', async (req, reply) => {
    const row = UUID.test(req.params.uuid) ? service.session(req.params.uuid.toLowerCase(), kit.owner(req)) : undefined;
    if (!row) return kit.send(req, reply, kit.error(req, 'UNKNOWN_SESSION', `No session ${req.params.uuid}.`));
    // A polled session is rendered and serialized once per state, not once per poll.
    const ctx = kit.render(req);
    const variant = `${req.ebFormat} ${ctx.baseUrl}`;
    let text = kit.sessionTexts.get(row, variant);
    if (text === undefined) {
      text = kit.deps.stages.serialize(renderSession(row, ctx), req.ebFormat, 'session');
      kit.sessionTexts.set(row, variant, text);
    }
    return kit.send(req, reply, { status: 200, value: undefined, text, docType: 'session' });
  });

  app.post<{ Params: { uuid: string } }>('/sessions/:uuid', async (req, reply) => {
    // Under bearer auth a change needs a token, as a new request does (401, whatever the session).
    const denied = kit.unauthenticated(req);
    if (denied) return kit.send(req, reply, denied);
    // Existence first: an unknown session is 404 whatever the body says.
    const uuid = req.params.uuid.toLowerCase();
    const owner = kit.owner(req);
    if (!UUID.test(uuid) || !service.session(uuid, owner)) {
      // Another token's session may be read by no one else (404), but an update of it is refused as the update of
      // someone who does not own it (spec §6.4: 403 NOT_OWNER).
      if (UUID.test(uuid) && service.hasSession(uuid))
        return kit.send(
          req,
          reply,
          kit.error(req, 'NOT_OWNER', `Session ${req.params.uuid} belongs to another token.`),
        );
      return kit.send(req, reply, kit.error(req, 'UNKNOWN_SESSION', `No session ${req.params.uuid}.`));
    }
    const body = kit.readBody(req, 'update');
    if (!body.ok) return kit.send(req, reply, body.answer);
    const misdirected = updateIdentityRefusal(body.value, req.params.uuid);
    if (misdirected)
      return kit.send(
        req,
        reply,
        kit.error(
          req,
          misdirected.code,
          misdirected.message,
          misdirected.messages ? { messages: misdirected.messages } : {},
        ),
      );
    const out = service.update(uuid, owner, body.value);
    if (!out.ok) return kit.send(req, reply, kit.error(req, out.code, out.message));
    return kit.send(req, reply, { status: 200, value: renderSession(out.row, kit.render(req)), docType: 'session' });
  });
}
