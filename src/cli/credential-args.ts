/**
 * The rules every command that talks to a broker applies to how credentials are given: one way at a time, and
 * never inside a URL (a URL is printed back in messages and reports, and its user name and password would not be
 * sent as credentials either).
 */

import { parseHeaderArg } from '../client/credentials.js';

/** What the credential flags of a command were given. */
export interface CredentialArgs {
  user?: string | undefined;
  token?: string | undefined;
  /** Whether a `--header Authorization: …` was given. */
  authorizationHeader: boolean;
}

/** Why the credential flags cannot be used together, in one sentence; undefined when they can. */
export function credentialArgsProblem(args: CredentialArgs): string | undefined {
  if (args.user !== undefined && args.token !== undefined)
    return '--user and --token cannot be given together (both set Authorization)';
  if ((args.user !== undefined || args.token !== undefined) && args.authorizationHeader)
    return '--user/--token and --header Authorization cannot be given together';
  return undefined;
}

/**
 * The refusal of a URL that carries credentials; `subject` names it ("the URL", "OFFER_URL", "--broker east").
 * It never quotes the URL: the password would be in it.
 */
export function urlCredentialsRefusal(subject: string): string {
  return `${subject} carries a user name or password (not repeated here); give them with --user NAME:PASSWORD or --token TOKEN, which no report or log shows`;
}

/** The environment variables a command reads credentials from when no credential flag is given. */
export const CREDENTIAL_ENV = { token: 'EBKIT_TOKEN', user: 'EBKIT_USER' } as const;

/**
 * The flags with the credentials of the environment filled in (`EBKIT_TOKEN`, `EBKIT_USER`), when no credential flag
 * was given: a CI secret then stays out of the process's argument list, which `ps` shows every user of the machine.
 * A flag always wins; an empty variable (an unset CI secret) counts as unset; both set is a usage error.
 */
export function withEnvCredentials<
  T extends { header: string[]; user?: string | undefined; token?: string | undefined },
>(flags: T, env: Record<string, string | undefined>): { ok: true; flags: T } | { ok: false; reason: string } {
  const authorization = flags.header.some((h) => parseHeaderArg(h)?.name.toLowerCase() === 'authorization');
  if (flags.user !== undefined || flags.token !== undefined || authorization) return { ok: true, flags };
  const token = env[CREDENTIAL_ENV.token] || undefined;
  const user = env[CREDENTIAL_ENV.user] || undefined;
  if (token !== undefined && user !== undefined)
    return {
      ok: false,
      reason: `${CREDENTIAL_ENV.token} and ${CREDENTIAL_ENV.user} are both set (both set Authorization); unset one`,
    };
  if (token !== undefined) return { ok: true, flags: { ...flags, token } };
  if (user !== undefined) return { ok: true, flags: { ...flags, user } };
  return { ok: true, flags };
}
