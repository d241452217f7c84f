import type { FastifyRequest } from 'fastify';
import type { BrokerService } from '../service.js';
import type { Format, Stages } from '../stages.js';
import type { ErrorDocumentBuilder } from '../errors.js';
import type { VosiDocument } from '../vosi.js';
import { clientErrorHandler } from './client-errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The response format negotiated from Accept (EB-HTTP-03/04). */
    ebFormat: Format;
  }
}

export interface AppDeps {
  service: BrokerService;
  stages: Stages;
  errorDocument: ErrorDocumentBuilder;
  capabilities: VosiDocument;
  availability: VosiDocument;
  standardID: string;
  bodyLimit: number;
  /** Absolute base URL of the service (no trailing slash) for Location, meta.url and VOSI access URLs. */
  baseUrl: (req: FastifyRequest) => string;
  /** 'bearer': sessions belong to the token that created them. */
  auth: 'none' | 'bearer';
  upSince: string;
  /** Executable kinds listed in /capabilities. */
  executableKinds: () => readonly string[] | undefined;
  /** Health check for /availability. */
  healthy: () => boolean;
  stats: { internalErrors: number; lastInternalError?: unknown };
  /** Connection limits against slow or stalled clients (ms). */
  timeouts: ServerTimeouts;
  /** Access-Control-Allow-Origin for browser clients; undefined: no CORS headers. */
  corsOrigin: string | undefined;
}

export interface ServerTimeouts {
  /** Whole request (headers and body) must arrive within this. */
  request: number;
  /** Headers must arrive within this (slowloris). */
  headers: number;
  /** An idle kept-alive connection is closed after this. */
  keepAlive: number;
  /** How often node checks the two above. */
  checkInterval: number;
}

/** The fastify options every server of ours shares (the reference broker and the aggregator). */
export function serverOptions(bodyLimit: number, timeouts: ServerTimeouts) {
  return {
    logger: false,
    bodyLimit,
    // `/sessions/{uuid}/` is the same resource as `/sessions/{uuid}` (clients and proxies add the slash), and
    // `//requests` the same as `/requests`: a base URL given with a trailing slash and joined with `/requests`
    // by string makes it, and the standard names no resource there that it could be confused with.
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    return503OnClosing: true,
    // What node refuses before routing (not HTTP, headers too large, too slow) still gets the error document.
    clientErrorHandler,
    // Slow or stalled clients must not hold sockets forever (node answers 408 and closes).
    requestTimeout: timeouts.request,
    keepAliveTimeout: timeouts.keepAlive,
    http: {
      headersTimeout: timeouts.headers,
      connectionsCheckingInterval: timeouts.checkInterval,
      // Node would answer a Host-less HTTP/1.1 request with an empty 400; the hooks send the error document.
      requireHostHeader: false,
    },
  } as const;
}

export const DEFAULT_TIMEOUTS: Readonly<ServerTimeouts> = Object.freeze({
  request: 30_000,
  headers: 10_000,
  keepAlive: 5_000,
  checkInterval: 1_000,
});
