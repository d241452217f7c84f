/** The methods a client may send; an endpoint answers those it does not allow with 405 and Allow (EB-ERR-09, EB-VOSI-05). */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** The methods the services answer anywhere: what `OPTIONS *` is told, and what a refusal of another method names. */
export const SERVER_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'OPTIONS'];

/** SERVER_METHODS as a sentence says them: "GET, HEAD, POST and OPTIONS". */
export const SERVER_METHODS_TEXT = `${SERVER_METHODS.slice(0, -1).join(', ')} and ${SERVER_METHODS.at(-1) ?? ''}`;

/** The methods each endpoint of the standard answers (fastify route syntax), OPTIONS (CORS preflight) included. */
export const ENDPOINT_METHODS: Readonly<Record<string, readonly string[]>> = {
  '/requests': ['POST', 'OPTIONS'],
  '/direct': ['POST', 'OPTIONS'],
  '/offersets/:uuid': ['GET', 'HEAD', 'OPTIONS'],
  '/sessions/:uuid': ['GET', 'HEAD', 'POST', 'OPTIONS'],
  '/capabilities': ['GET', 'HEAD', 'OPTIONS'],
  '/availability': ['GET', 'HEAD', 'OPTIONS'],
};

const ENDPOINT_PATTERNS = Object.entries(ENDPOINT_METHODS).map(([url, methods]) => ({
  pattern: new RegExp(`^${url.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
  methods,
}));

/**
 * The methods the endpoint at `path` answers, or undefined when no endpoint is there. The router answers methods
 * it was not told of (TRACE, PROPFIND…) as an unknown path: this tells them apart, so they get 405 as well.
 */
export function endpointMethodsAt(path: string): readonly string[] | undefined {
  return ENDPOINT_PATTERNS.find((e) => e.pattern.test(path))?.methods;
}
