/** The methods a client may send; an endpoint answers those it does not allow with 405 and Allow (EB-ERR-09, EB-VOSI-05). */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** The methods each endpoint of the standard answers (fastify route syntax), OPTIONS (CORS preflight) included. */
export const ENDPOINT_METHODS: Readonly<Record<string, readonly string[]>> = {
  '/requests': ['POST', 'OPTIONS'],
  '/direct': ['POST', 'OPTIONS'],
  '/offersets/:uuid': ['GET', 'HEAD', 'OPTIONS'],
  '/sessions/:uuid': ['GET', 'HEAD', 'POST', 'OPTIONS'],
  '/capabilities': ['GET', 'HEAD', 'OPTIONS'],
  '/availability': ['GET', 'HEAD', 'OPTIONS'],
};
