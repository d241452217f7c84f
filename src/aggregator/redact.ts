/** Removes configured secrets from anything the aggregator writes (documents, messages, logs): EB-FED-12. */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: readonly string[]) {
    // Longest first, so a secret containing another is removed whole.
    this.secrets = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  }

  get active(): boolean {
    return this.secrets.length > 0;
  }

  text(s: string): string {
    let out = s;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('<redacted>');
    return out;
  }

  /** A JSON value with every string scrubbed (a no-op copy-free pass when nothing is configured). */
  value<T>(v: T): T {
    if (!this.active) return v;
    const json = JSON.stringify(v);
    const clean = this.text(json);
    return clean === json ? v : (JSON.parse(clean) as T);
  }
}
