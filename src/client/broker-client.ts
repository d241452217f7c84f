/**
 * A typed client for one ExecutionBroker: submit a request, read offer sets and sessions, send updates.
 * Every answer is parsed and validated; a result is a value (`ok` or a failure), never a throw.
 */
import type {
  AbstractExecutionSession,
  AbstractUpdate,
  ExecutionRequest,
  OfferSetResponse,
} from '../model/generated/types.js';
import type { DocumentType, Finding } from '../findings.js';
import type { Format } from '../parse/index.js';
import { validate } from '../validate/index.js';
import { HttpClient } from './http.js';
import { getDocument, postDocument } from './negotiate.js';
import { errorText } from './exchange.js';
import { redactSecrets, secretsOf } from './credentials.js';
import type { ClientOptions, HttpFailure, HttpResponse } from './types.js';

export interface BrokerClientOptions extends ClientOptions {
  /** Serialization sent and asked for (default yaml, the standard's default). */
  format?: Format;
}

/** A document the broker answered with: typed when it validated, with every finding either way. */
export type BrokerAnswer<T> =
  | { ok: true; status: number; url: string; value: T; findings: Finding[]; response: HttpResponse }
  | {
      ok: false;
      status?: number;
      message: string;
      /** The error document's specific code (EB-ERR-13), e.g. UPDATE_NOT_OFFERED, when the broker sent one. */
      code?: string;
      findings: Finding[];
      response?: HttpResponse;
      failure?: HttpFailure;
    };

export class BrokerClient {
  readonly http: HttpClient;
  private readonly base: string;
  private readonly format: Format;
  /** What this client sends that no message may repeat: its credential headers' values. */
  private readonly secrets: string[];

  constructor(baseUrl: string, options: BrokerClientOptions = {}) {
    const { format, ...http } = options;
    this.secrets = secretsOf({ headers: http.headers ?? {} });
    this.base = baseUrl.replace(/\/+$/, '');
    this.format = format ?? 'yaml';
    this.http = new HttpClient(this.base, http);
  }

  /** POST /requests, following the 303 to the offer set (EB-OFF-01). */
  submit(request: ExecutionRequest): Promise<BrokerAnswer<OfferSetResponse>> {
    return this.send('POST', `${this.base}/requests`, 'offerset', request, 'request');
  }

  /** GET an offer set by its URL (the Location of a submit). */
  offerSet(url: string): Promise<BrokerAnswer<OfferSetResponse>> {
    return this.send('GET', this.absolute(url), 'offerset');
  }

  /** GET a session by its URL (an offer's `meta.url`). */
  session(url: string): Promise<BrokerAnswer<AbstractExecutionSession>> {
    return this.send('GET', this.absolute(url), 'session');
  }

  /** POST an update (accept, reject, cancel, …) to a session. */
  update(url: string, update: AbstractUpdate): Promise<BrokerAnswer<AbstractExecutionSession>> {
    return this.send('POST', this.absolute(url), 'session', update, 'update');
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private absolute(url: string): string {
    return /^https?:\/\//.test(url) ? url : `${this.base}/${url.replace(/^\/+/, '')}`;
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    expect: DocumentType,
    body?: unknown,
    bodyType?: DocumentType,
  ): Promise<BrokerAnswer<T>> {
    const result =
      method === 'POST' && bodyType
        ? await postDocument(this.http, url, body, bodyType, {
            format: this.format,
            accept: this.format,
            followRedirects: true,
          })
        : await getDocument(this.http, url, this.format);
    if (!result.ok)
      return {
        ok: false,
        message: result.failure.message,
        findings: [],
        failure: result.failure,
        ...(result.failure.status !== undefined ? { status: result.failure.status } : {}),
      };
    const response = result.response;
    const parsed = response.parsed;
    if (response.status >= 400 || !parsed || parsed.value === undefined) {
      const error = response.status >= 400 ? errorText(parsed?.value, true) : undefined;
      // The broker's words are repeated, but never a credential of this client it may echo (a 401 quoting a token).
      const why =
        response.status >= 400
          ? `the broker answered ${response.status}${redactSecrets(error?.text ?? '', this.secrets)}`
          : 'the answer has no document';
      return {
        ok: false,
        status: response.status,
        message: `${method} ${url}: ${why}`,
        ...(error?.code !== undefined ? { code: error.code } : {}),
        findings: parsed?.findings ?? [],
        response,
      };
    }
    const checked = validate(parsed, { type: response.status >= 400 ? 'error' : expect });
    if (!checked.valid) {
      return {
        ok: false,
        status: response.status,
        message: `${method} ${url}: the ${expect} is not valid`,
        findings: checked.findings,
        response,
      };
    }
    return {
      ok: true,
      status: response.status,
      url: response.url,
      value: parsed.value as T,
      findings: checked.findings,
      response,
    };
  }
}
