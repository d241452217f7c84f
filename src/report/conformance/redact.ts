import { mapStrings, scrubForms, secretForms } from '../../util/index.js';

/**
 * Removes secrets (passwords, tokens, and every encoding of them: `secretEncodings`) from any text a writer produces.
 * Headers named Authorization are already redacted by the client; this catches a secret anywhere else, such as a
 * broker echoing it in a body, or a URL with user information.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  return scrubForms(text, secretForms(secrets));
}

/**
 * A deep copy of `value` with every string value redacted; keys and the shape are kept (a secret such as `true`,
 * `status` or `test` replaced in the serialized report broke its JSON or renamed its keys).
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const forms = secretForms(secrets);
  return mapStrings(value, (text) => scrubForms(text, forms));
}
