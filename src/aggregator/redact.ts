import { mapStrings, scrubForms, secretForms } from '../util/index.js';

/** Removes configured secrets from anything the aggregator writes (documents, messages, logs): EB-FED-12. */
export class Redactor {
  /** Every encoded form of every secret, computed once: `value` scrubs each string of each document it passes. */
  private readonly forms: string[];

  constructor(secrets: readonly string[]) {
    // A secret shorter than MIN_REDACTED_LENGTH would rewrite every document (kinds, URLs) wherever its letters
    // occur: secretForms leaves it out, and it is only kept out of the headers that carry it.
    this.forms = secretForms(secrets);
  }

  get active(): boolean {
    return this.forms.length > 0;
  }

  text(s: string): string {
    return scrubForms(s, this.forms);
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
