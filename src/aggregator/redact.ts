import { MIN_REDACTED_LENGTH, mapStrings } from '../util/index.js';
import { redactSecrets } from '../client/credentials.js';

/** Removes configured secrets from anything the aggregator writes (documents, messages, logs): EB-FED-12. */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: readonly string[]) {
    // Longest first, so a secret containing another is removed whole. A very short one would rewrite every
    // document (kinds, URLs) wherever its letters occur: it is only kept out of the headers that carry it.
    this.secrets = [...new Set(secrets)]
      .filter((s) => s.length >= MIN_REDACTED_LENGTH)
      .sort((a, b) => b.length - a.length);
  }

  get active(): boolean {
    return this.secrets.length > 0;
  }

  text(s: string): string {
    return redactSecrets(s, this.secrets);
  }

  /**
   * A JSON value with every string value scrubbed, keys and shape kept (replacing in its JSON text renamed a key
   * or broke the document when a secret was also a key or a literal, such as `meta` or `true`, and missed a secret
   * holding a quote, escaped there). No copy when nothing is configured.
   */
  value<T>(v: T): T {
    if (!this.active) return v;
    return mapStrings(v, (s) => this.text(s));
  }
}
